import type { BookingPaymentSummary, BookingStatusValue, BookingView } from '@vetmeet/contracts/client';
import { bookSlotPath, ownerCancellationOutcome, paymentStateLabel, refundNoticeHours } from './booking-status';

const paid: BookingPaymentSummary = { status: 'succeeded', amount: 4500, amountRefunded: 0, currency: 'EUR', refunds: [], lastFailureCode: null };

function booking(overrides: Partial<BookingView> & { id: string; status: BookingStatusValue; startsAt: string }): BookingView {
  const starts = Date.parse(overrides.startsAt);
  return {
    endsAt: new Date(starts + 30 * 60_000).toISOString(),
    durationMinutes: 30,
    reason: 'Limping',
    price: { amount: 4500, currency: 'EUR' },
    holdExpiresAt: null,
    clinic: { id: 'c1', name: 'Riverside Vets' },
    consultant: { id: 'v1', displayName: 'Dr. Olena Shevchenko', timeZone: 'Europe/Kyiv' },
    owner: { id: 'o1', displayName: 'Maria', country: 'UA', timeZone: 'Europe/Kyiv' },
    pet: { id: 'p1', name: 'Barsik', species: 'cat' },
    photos: [],
    myRole: 'owner',
    consultationId: null,
    consultation: null,
    joinOpensAt: null,
    joinClosesAt: null,
    payment: paid,
    cancellation: null,
    policy: { fullRefundUntil: new Date(starts - 24 * 3_600_000).toISOString(), canCancel: true, canReschedule: true },
    createdAt: '2026-11-01T09:00:00Z',
    ...overrides,
  };
}

describe(ownerCancellationOutcome.name, () => {
  const confirmed = booking({ id: 'b', status: 'confirmed', startsAt: '2026-11-25T12:00:00Z' });
  const deadline = Date.parse(confirmed.policy.fullRefundUntil);

  it('refunds in full up to the deadline, inclusive, and nothing after it', () => {
    expect(ownerCancellationOutcome(confirmed, deadline - 1)).toEqual({ kind: 'full', amount: 4500 });
    expect(ownerCancellationOutcome(confirmed, deadline)).toEqual({ kind: 'full', amount: 4500 });
    expect(ownerCancellationOutcome(confirmed, deadline + 1)).toEqual({ kind: 'none' });
  });

  it('costs nothing while the hold is unpaid, or for a free consultation', () => {
    expect(ownerCancellationOutcome(booking({ id: 'h', status: 'held', startsAt: '2026-11-25T12:00:00Z', payment: { ...paid, status: 'requires_payment' } }), deadline + 1)).toEqual({
      kind: 'unpaid',
    });
    expect(ownerCancellationOutcome(booking({ id: 'f', status: 'confirmed', startsAt: '2026-11-25T12:00:00Z', payment: null, price: { amount: 0, currency: 'EUR' } }), deadline + 1)).toEqual({
      kind: 'unpaid',
    });
  });
});

describe(refundNoticeHours.name, () => {
  it('is the gap between the refund deadline and the start', () => {
    expect(refundNoticeHours(booking({ id: 'b', status: 'confirmed', startsAt: '2026-11-25T12:00:00Z' }))).toBe(24);
  });
});

describe(paymentStateLabel.name, () => {
  it('says where the money stands', () => {
    expect(paymentStateLabel(null)).toBe('Nothing to pay');
    expect(paymentStateLabel({ ...paid, status: 'requires_payment' })).toBe('Not paid');
    expect(paymentStateLabel(paid)).toBe('Paid €45.00');
    expect(paymentStateLabel({ ...paid, status: 'refunded', amountRefunded: 4500 })).toBe('€45.00 refunded');
    expect(paymentStateLabel({ ...paid, refunds: [{ amount: 4500, status: 'pending', reason: 'cancelled_by_owner', createdAt: '2026-11-23T10:00:00Z' }] })).toBe(
      'Refund of €45.00 pending',
    );
  });
});

describe(bookSlotPath.name, () => {
  it('carries the slot in the query', () => {
    expect(bookSlotPath('v 1', '2026-11-24T12:00:00.000Z', 30)).toBe('/consultants/v%201/book?start=2026-11-24T12%3A00%3A00.000Z&minutes=30');
  });
});
