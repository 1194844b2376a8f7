import type { ConsultationStatusValue } from '@vetmeet/contracts';
import { BookingStatus } from './booking.entity';
import { canCancel, canReschedule, cancellationRefund, fullRefundUntil, policyView } from './booking-policy';

const startsAt = new Date('2026-12-10T10:00:00Z');
const booking = (status: BookingStatus, consultationStatus: ConsultationStatusValue | null = null) => ({
  status,
  startsAt,
  priceAmount: 4500,
  fullRefundNoticeHours: 24,
  consultationStatus,
});
const hoursBefore = (hours: number) => new Date(startsAt.getTime() - hours * 3_600_000);

describe('booking policy', () => {
  it('refunds an owner in full up to the notice, to the millisecond, and nothing after', () => {
    const confirmed = booking(BookingStatus.Confirmed);
    expect(fullRefundUntil(confirmed).toISOString()).toBe('2026-12-09T10:00:00.000Z');
    expect(cancellationRefund(confirmed, 'owner', hoursBefore(48))).toBe(4500);
    expect(cancellationRefund(confirmed, 'owner', hoursBefore(24))).toBe(4500);
    expect(cancellationRefund(confirmed, 'owner', new Date(hoursBefore(24).getTime() + 1))).toBe(0);
    expect(cancellationRefund(confirmed, 'owner', hoursBefore(1))).toBe(0);
  });

  it("always refunds a consultant's cancellation, and never an unpaid hold", () => {
    expect(cancellationRefund(booking(BookingStatus.Confirmed), 'consultant', hoursBefore(1))).toBe(4500);
    expect(cancellationRefund(booking(BookingStatus.Held), 'owner', hoursBefore(48))).toBe(0);
  });

  it('lets owners cancel what is open before the start; consultants only what they confirmed', () => {
    for (const status of [BookingStatus.Held, BookingStatus.PendingAcceptance, BookingStatus.Confirmed]) {
      expect(canCancel(booking(status), 'owner', hoursBefore(1))).toBe(true);
      expect(canCancel(booking(status), 'owner', startsAt)).toBe(false);
    }
    expect(canCancel(booking(BookingStatus.Confirmed), 'consultant', hoursBefore(1))).toBe(true);
    expect(canCancel(booking(BookingStatus.PendingAcceptance), 'consultant', hoursBefore(1))).toBe(false);
    for (const status of [BookingStatus.Declined, BookingStatus.Cancelled, BookingStatus.Expired, BookingStatus.NoShow]) {
      expect(canCancel(booking(status), 'owner', hoursBefore(48))).toBe(false);
      expect(canCancel(booking(status), 'consultant', hoursBefore(48))).toBe(false);
    }
  });

  it('lets an owner reschedule only while a cancellation would be refunded; a consultant until the start', () => {
    const confirmed = booking(BookingStatus.Confirmed);
    expect(canReschedule(confirmed, 'owner', hoursBefore(25))).toBe(true);
    expect(canReschedule(confirmed, 'owner', hoursBefore(23))).toBe(false);
    expect(canReschedule(confirmed, 'consultant', hoursBefore(1))).toBe(true);
    expect(canReschedule(confirmed, 'consultant', startsAt)).toBe(false);
    expect(canReschedule(booking(BookingStatus.Held), 'owner', hoursBefore(48))).toBe(false);
    expect(policyView(confirmed, 'owner', hoursBefore(23))).toEqual({ fullRefundUntil: '2026-12-09T10:00:00.000Z', canCancel: true, canReschedule: false });
  });

  it('lets nobody cancel or move a booking whose call started, ended or was missed, even before its start', () => {
    for (const status of ['scheduled', 'waiting'] as const) {
      expect(canCancel(booking(BookingStatus.Confirmed, status), 'owner', hoursBefore(48))).toBe(true);
      expect(canReschedule(booking(BookingStatus.Confirmed, status), 'consultant', hoursBefore(1))).toBe(true);
    }
    for (const status of ['in_progress', 'ended', 'no_show', 'cancelled'] as const) {
      for (const role of ['owner', 'consultant'] as const) {
        const view = policyView(booking(BookingStatus.Confirmed, status), role, hoursBefore(48));
        expect(view).toMatchObject({ canCancel: false, canReschedule: false });
      }
    }
  });
});
