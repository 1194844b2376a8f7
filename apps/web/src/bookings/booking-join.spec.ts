import type { BookingView } from '@vetmeet/contracts/client';
import { joinWindowState, nextJoinWindowChange } from '../consultations/join-window';
import { bookingRoom } from './booking-join';

const opens = '2026-11-25T11:45:00.000Z';
const closes = '2026-11-25T12:30:00.000Z';

function booking(extra: Partial<BookingView>): BookingView {
  return {
    id: 'b1',
    status: 'confirmed',
    startsAt: '2026-11-25T12:00:00.000Z',
    endsAt: '2026-11-25T12:30:00.000Z',
    durationMinutes: 30,
    reason: '',
    price: { amount: 4500, currency: 'EUR' },
    holdExpiresAt: null,
    clinic: { id: 'c', name: 'Clinic' },
    consultant: { id: 'v', displayName: 'Dr Vet', timeZone: 'UTC' },
    owner: { id: 'o', displayName: 'Olena', country: 'UA', timeZone: 'UTC' },
    pet: { id: 'p', name: 'Rex', species: 'dog' },
    photos: [],
    myRole: 'owner',
    consultationId: 'k1',
    joinOpensAt: opens,
    joinClosesAt: closes,
    consultation: { status: 'scheduled', startedAt: null, endedAt: null },
    payment: null,
    cancellation: null,
    policy: { fullRefundUntil: '2026-11-24T12:00:00.000Z', canCancel: true, canReschedule: true },
    createdAt: '2026-11-20T12:00:00.000Z',
    ...extra,
  };
}

describe('bookingRoom', () => {
  it('is the consultation’s room with the times the booking carries', () => {
    const room = bookingRoom(booking({}));
    expect(room).toEqual({ id: 'k1', status: 'scheduled', joinOpensAt: opens, joinClosesAt: closes });
    expect(joinWindowState(room!, Date.parse(opens) - 1)).toBe('not-yet');
    expect(nextJoinWindowChange(room!, Date.parse(opens) - 1)).toBe(Date.parse(opens));
    expect(joinWindowState(room!, Date.parse(opens))).toBe('open');
    expect(joinWindowState(room!, Date.parse(closes))).toBe('closed');
  });

  it('is none without a consultation', () => {
    expect(bookingRoom(booking({ status: 'pending_acceptance', consultationId: null, joinOpensAt: null, joinClosesAt: null }))).toBeNull();
  });

  it('is finished once its call ended, though the booking still reads confirmed, and open while it runs', () => {
    const endedAt = '2026-11-25T11:55:00.000Z';
    const ended = bookingRoom(booking({ consultation: { status: 'ended', startedAt: opens, endedAt } }));
    expect(ended && joinWindowState(ended, Date.parse(opens) + 1)).toBe('finished');
    const running = bookingRoom(booking({ consultation: { status: 'in_progress', startedAt: opens, endedAt: null } }));
    expect(running && joinWindowState(running, Date.parse(opens) + 1)).toBe('open');
  });

  it('is finished once the booking is cancelled or missed', () => {
    for (const status of ['cancelled', 'no_show'] as const) {
      const room = bookingRoom(booking({ status }));
      expect(room && joinWindowState(room, Date.parse(opens) + 1)).toBe('finished');
    }
  });
});
