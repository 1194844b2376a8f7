import type { ConsultationStatusValue, ConsultationView } from '@vetmeet/contracts/client';
import { joinWindowState, nextJoinWindowChange } from './join-window';

const OPENS = Date.parse('2026-11-03T13:50:00Z');
const CLOSES = Date.parse('2026-11-03T14:45:00Z');

function consultation(status: ConsultationStatusValue): ConsultationView {
  return {
    id: '0b7f7a53-8f0e-4a4a-9f5e-3c1a3b1e2d11',
    clinic: { id: 'c0a80101-0000-4000-8000-000000000001', name: 'Riverside Vets' },
    status,
    startsAt: '2026-11-03T14:00:00Z',
    endsAt: '2026-11-03T14:30:00Z',
    reason: null,
    pet: { id: 'p1', name: 'Barsik', species: 'Cat' },
    owner: { id: 'u1', displayName: 'Maria Kovalenko', country: 'UA', timeZone: 'Europe/Kyiv' },
    consultant: { id: 'u2', displayName: 'Dr. Olena Shevchenko' },
    myRole: 'owner',
    roomPasswordSet: false,
    roomLocked: false,
    joinOpensAt: new Date(OPENS).toISOString(),
    joinClosesAt: new Date(CLOSES).toISOString(),
    startedAt: null,
    endedAt: null,
    bookingId: null,
    createdAt: '2026-11-01T09:00:00Z',
  };
}

describe(joinWindowState.name, () => {
  const scheduled = consultation('scheduled');

  it('is not open yet before the window, up to its last millisecond', () => {
    expect(joinWindowState(scheduled, OPENS - 3_600_000)).toBe('not-yet');
    expect(joinWindowState(scheduled, OPENS - 1)).toBe('not-yet');
  });

  it('opens at the first moment of the window and stays open until just before it closes', () => {
    expect(joinWindowState(scheduled, OPENS)).toBe('open');
    expect(joinWindowState(scheduled, CLOSES - 1)).toBe('open');
    expect(joinWindowState(consultation('waiting'), OPENS + 60_000)).toBe('open');
    expect(joinWindowState(consultation('in_progress'), OPENS + 60_000)).toBe('open');
  });

  it('is closed from the moment the window closes', () => {
    expect(joinWindowState(scheduled, CLOSES)).toBe('closed');
    expect(joinWindowState(scheduled, CLOSES + 86_400_000)).toBe('closed');
  });

  it.each<ConsultationStatusValue>(['ended', 'cancelled', 'no_show'])('is finished for good once the consultation is %s, whatever the time', (status) => {
    for (const now of [OPENS - 1, OPENS, CLOSES - 1, CLOSES]) expect(joinWindowState(consultation(status), now)).toBe('finished');
  });
});

describe(nextJoinWindowChange.name, () => {
  const scheduled = consultation('scheduled');

  it('is the opening while the room is not open yet, and the closing while it is', () => {
    expect(nextJoinWindowChange(scheduled, OPENS - 1)).toBe(OPENS);
    expect(nextJoinWindowChange(scheduled, OPENS)).toBe(CLOSES);
    expect(nextJoinWindowChange(scheduled, CLOSES - 1)).toBe(CLOSES);
  });

  it('is never once the window has closed or the consultation is over', () => {
    expect(nextJoinWindowChange(scheduled, CLOSES)).toBeNull();
    expect(nextJoinWindowChange(consultation('cancelled'), OPENS - 1)).toBeNull();
    expect(nextJoinWindowChange(consultation('ended'), OPENS)).toBeNull();
  });

  it('always lies ahead, so a timer set for it re-renders once and at the right moment', () => {
    for (const now of [OPENS - 86_400_000, OPENS - 1, OPENS, CLOSES - 1]) {
      const next = nextJoinWindowChange(scheduled, now)!;
      expect(next).toBeGreaterThan(now);
      expect(joinWindowState(scheduled, next)).not.toBe(joinWindowState(scheduled, now));
    }
  });
});
