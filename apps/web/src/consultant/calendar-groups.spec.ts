import type { BookingView } from '@vetmeet/contracts/client';
import { groupBookings, nextGroupChange, pastLabel } from './calendar-groups';
import { formatZonedRange } from './zoned-range';

const now = Date.parse('2026-11-20T12:00:00Z');
const hours = (n: number) => new Date(now + n * 3_600_000).toISOString();

function booking(id: string, status: BookingView['status'], startsInHours: number, extra: Partial<BookingView> = {}): BookingView {
  return {
    id,
    status,
    startsAt: hours(startsInHours),
    endsAt: hours(startsInHours + 0.5),
    durationMinutes: 30,
    reason: '',
    price: { amount: 4500, currency: 'EUR' },
    holdExpiresAt: null,
    clinic: { id: 'c', name: 'Clinic' },
    consultant: { id: 'v', displayName: 'Dr Vet', timeZone: 'Europe/Kyiv' },
    owner: { id: 'o', displayName: 'Olena', country: 'UA', timeZone: 'Europe/Kyiv' },
    pet: { id: 'p', name: 'Rex', species: 'dog' },
    photos: [],
    myRole: 'consultant',
    consultationId: null,
    joinOpensAt: null,
    joinClosesAt: null,
    consultation: null,
    payment: null,
    cancellation: null,
    policy: { fullRefundUntil: hours(startsInHours - 24), canCancel: false, canReschedule: false },
    createdAt: hours(-48),
    ...extra,
  };
}

const ids = (list: BookingView[]) => list.map((b) => b.id);

describe(groupBookings.name, () => {
  it('puts requests and confirmed ones soonest first, the rest latest first', () => {
    const groups = groupBookings(
      [
        booking('r2', 'pending_acceptance', 30),
        booking('u2', 'confirmed', 48),
        booking('r1', 'pending_acceptance', 3),
        booking('u1', 'confirmed', 2),
        booking('d', 'declined', 5),
        booking('x', 'cancelled', 10),
        booking('done', 'confirmed', -5),
        booking('gone', 'expired', -30),
      ],
      now,
    );
    expect(ids(groups.requests)).toEqual(['r1', 'r2']);
    expect(ids(groups.upcoming)).toEqual(['u1', 'u2']);
    expect(ids(groups.past)).toEqual(['x', 'd', 'done', 'gone']);
  });

  it('keeps a consultation that is running now among the upcoming ones', () => {
    expect(ids(groupBookings([booking('now', 'confirmed', -0.25)], now).upcoming)).toEqual(['now']);
  });

  it('goes by the consultation: ended early is past, running past its booked end is upcoming', () => {
    const call = (status: 'ended' | 'in_progress' | 'no_show', endedAt: string | null) => ({
      consultationId: 'k',
      consultation: { status, startedAt: hours(-1), endedAt },
    });
    const groups = groupBookings(
      [
        booking('ended-early', 'confirmed', 0.1, call('ended', hours(-0.5))),
        booking('overrun', 'confirmed', -1, call('in_progress', null)),
        booking('missed', 'confirmed', 0.1, call('no_show', null)),
      ],
      now,
    );
    expect(ids(groups.upcoming)).toEqual(['overrun']);
    expect(ids(groups.past).sort()).toEqual(['ended-early', 'missed']);
    expect(pastLabel(groups.past.find((b) => b.id === 'ended-early')!, now)).toBe('Took place');
    const consultation = { status: 'ended' as const, startedAt: null, endedAt: hours(0) };
    const unstarted = booking('e', 'confirmed', 1, { consultation });
    expect(pastLabel(unstarted, now)).toBe('Ended');
    expect(nextGroupChange(groups.past, now)).toBeNull();
  });

  it('moves a request whose start has passed unanswered to the past', () => {
    const groups = groupBookings([booking('late', 'pending_acceptance', -1)], now);
    expect(groups.requests).toEqual([]);
    expect(ids(groups.past)).toEqual(['late']);
    expect(pastLabel(groups.past[0], now)).toBe('Not answered in time');
  });

  it('leaves out bookings the person made as an owner, and unpaid holds', () => {
    const groups = groupBookings([booking('mine', 'confirmed', 5, { myRole: 'owner' }), booking('held', 'held', 5)], now);
    expect(groups).toEqual({ requests: [], upcoming: [], past: [] });
  });
});

describe(nextGroupChange.name, () => {
  it('is the soonest request start or consultation end still ahead', () => {
    expect(nextGroupChange([booking('r', 'pending_acceptance', 3), booking('u', 'confirmed', 1), booking('x', 'cancelled', 0.1)], now)).toBe(Date.parse(hours(1.5)));
    expect(nextGroupChange([booking('x', 'cancelled', 2), booking('done', 'confirmed', -3)], now)).toBeNull();
  });
});

describe(pastLabel.name, () => {
  it('says who cancelled, and that a confirmed one took place once it ended', () => {
    expect(pastLabel(booking('c', 'cancelled', 5, { cancellation: { by: 'owner', at: hours(-1), refundAmount: 4500 } }), now)).toBe('Cancelled by the owner');
    expect(pastLabel(booking('c', 'cancelled', 5, { cancellation: { by: 'consultant', at: hours(-1), refundAmount: 4500 } }), now)).toBe('Cancelled by you');
    expect(pastLabel(booking('done', 'confirmed', -5), now)).toBe('Took place');
    expect(pastLabel(booking('d', 'declined', 5), now)).toBe('Declined');
  });
});

describe(formatZonedRange.name, () => {
  it('reads the same booking in the consultant’s and the owner’s zone', () => {
    const startsAt = '2026-11-24T22:30:00Z';
    const endsAt = '2026-11-24T23:00:00Z';
    expect(formatZonedRange(startsAt, endsAt, 'Europe/Kyiv')).toBe('Wed, 25 Nov 2026, 00:30–01:00');
    expect(formatZonedRange(startsAt, endsAt, 'America/New_York')).toBe('Tue, 24 Nov 2026, 17:30–18:00');
    expect(formatZonedRange('2026-11-24T21:30:00Z', endsAt, 'Europe/Kyiv')).toBe('Tue, 24 Nov 2026, 23:30 – Wed, 25 Nov 2026, 01:00');
    // Ending at midnight still ends that day.
    expect(formatZonedRange('2026-11-24T21:30:00Z', '2026-11-24T22:00:00Z', 'Europe/Kyiv')).toBe('Tue, 24 Nov 2026, 23:30–00:00');
  });
});
