import { BusyInterval, Slot, SlotQuery } from './availability-rules';
import { computeSlots } from './slot-engine';
import { kyivQuery, startsOf } from './slot-query.fixture';

const MINUTE = 60_000;

/**
 * The engine sorts once and sweeps; this checks it against the obvious quadratic filter
 * (every slot against every interval) on 60 days of unsorted bookings, holds and time off.
 */
function naiveFilter(candidates: Slot[], query: SlotQuery): Slot[] {
  const before = (query.bufferBeforeMinutes ?? 0) * MINUTE;
  const after = (query.bufferAfterMinutes ?? 0) * MINUTE;
  return candidates.filter(({ startsAt, endsAt }) => {
    const start = startsAt.getTime();
    const end = endsAt.getTime();
    const clearOfBusy = (query.busy ?? []).every(
      (busy) => end + after <= busy.startsAt.getTime() - before || start - before >= busy.endsAt.getTime() + after,
    );
    const clearOfTimeOff = (query.timeOff ?? []).every((off) => end <= off.startsAt.getTime() || start >= off.endsAt.getTime());
    return clearOfBusy && clearOfTimeOff;
  });
}

/** A deterministic pseudo-random sequence, so a failure reproduces. */
function* lcg(seed: number): Generator<number> {
  let state = seed;
  for (;;) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    yield state / 2 ** 31;
  }
}

describe('computeSlots against a naive reference', () => {
  it('agrees over 60 days of scattered, overlapping, unsorted busy time', () => {
    const random = lcg(42);
    const next = () => random.next().value as number;
    const from = new Date('2026-10-01T00:00:00Z');
    const span = 60 * 24 * 60 * MINUTE;
    const interval = (maxMinutes: number) => {
      const start = from.getTime() + Math.floor(next() * span / (5 * MINUTE)) * 5 * MINUTE;
      return { startsAt: new Date(start), endsAt: new Date(start + (5 + Math.floor(next() * maxMinutes)) * MINUTE) };
    };
    const busy: BusyInterval[] = Array.from({ length: 400 }, () => ({ ...interval(90), kind: next() < 0.8 ? 'booking' : 'hold' }));
    // A long hold, first in time but last in the list, covering many shorter bookings: only a sorted sweep finds it.
    busy.push({ startsAt: new Date('2026-10-02T00:00:00Z'), endsAt: new Date('2026-10-05T00:00:00Z'), kind: 'hold' });
    const common = {
      weeklyRules: (['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const).flatMap((weekday) => [
        { weekday, start: '08:00', end: '12:30' },
        { weekday, start: '13:15', end: '19:00' },
      ]),
      timeOff: Array.from({ length: 30 }, () => interval(600)),
      consultationMinutes: 25,
      stepMinutes: 15,
      bufferBeforeMinutes: 5,
      bufferAfterMinutes: 10,
      now: from,
      from,
      to: new Date(from.getTime() + span),
    };

    const free = computeSlots(kyivQuery({ ...common }));
    const query = kyivQuery({ ...common, busy });
    const expected = naiveFilter(free, query);
    const actual = computeSlots(query);

    expect(expected.length).toBeGreaterThan(500);
    expect(expected.length).toBeLessThan(free.length);
    expect(startsOf(actual)).toEqual(startsOf(expected));
  });
});
