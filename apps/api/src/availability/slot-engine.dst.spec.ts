import { Weekday } from './availability-rules';
import { computeSlots } from './slot-engine';
import { kyivQuery, startsOf } from './slot-query.fixture';

const DAY_MS = 86_400_000;

/** Hour-long slots of one Sunday's rule, for the day given in the consultant's zone. */
function sundaySlots(timeZone: string, date: string, start: string, end: string) {
  const weekday: Weekday = 'sunday';
  const midnightUtc = new Date(`${date}T00:00:00Z`).getTime();
  return computeSlots(
    kyivQuery({
      timeZone,
      weeklyRules: [{ weekday, start, end }],
      consultationMinutes: 60,
      now: new Date('2026-01-01T00:00:00Z'),
      horizonDays: 366,
      // A wide range, so the boundaries of the UTC day do not hide a mistake in the local day.
      from: new Date(midnightUtc - DAY_MS),
      to: new Date(midnightUtc + 2 * DAY_MS),
    }),
  );
}

const hours = (count: number, firstUtcHour: number, date: string) =>
  Array.from({ length: count }, (_, index) => {
    const instant = new Date(`${date}T00:00:00Z`).getTime() + (firstUtcHour + index) * 3_600_000;
    return new Date(instant).toISOString().slice(0, 16);
  });

describe('computeSlots across daylight-saving changes', () => {
  describe('a 09:00–17:00 rule keeps 8 real hours at the right instants', () => {
    it.each([
      ['America/New_York', 'spring forward', '2026-03-08', 13],
      ['America/New_York', 'fall back', '2026-11-01', 14],
      ['Europe/Kyiv', 'spring forward', '2026-03-29', 6],
      ['Europe/Kyiv', 'fall back', '2026-10-25', 7],
    ])('%s on the %s day', (timeZone, _change, date, firstUtcHour) => {
      expect(startsOf(sundaySlots(timeZone, date, '09:00', '17:00'))).toEqual(hours(8, firstUtcHour, date));
    });
  });

  describe('a rule spanning the transition has only the hours that exist', () => {
    it('01:00–04:00 in New York on the spring-forward day is 2 hours (02:00–03:00 is skipped)', () => {
      expect(startsOf(sundaySlots('America/New_York', '2026-03-08', '01:00', '04:00'))).toEqual(hours(2, 6, '2026-03-08'));
    });

    it('02:00–05:00 in Kyiv on the spring-forward day is 2 hours (03:00–04:00 is skipped)', () => {
      // 02:00 EET is 00:00Z; 05:00 EEST is 02:00Z.
      expect(startsOf(sundaySlots('Europe/Kyiv', '2026-03-29', '02:00', '05:00'))).toEqual(hours(2, 0, '2026-03-29'));
    });

    it('01:00–04:00 in New York on the fall-back day is 4 hours (01:00–02:00 happens twice)', () => {
      expect(startsOf(sundaySlots('America/New_York', '2026-11-01', '01:00', '04:00'))).toEqual(hours(4, 5, '2026-11-01'));
    });

    it('02:00–05:00 in Kyiv on the fall-back day is 4 hours (03:00–04:00 happens twice)', () => {
      // 02:00 EEST is 23:00Z the day before; 05:00 EET is 03:00Z.
      expect(startsOf(sundaySlots('Europe/Kyiv', '2026-10-25', '02:00', '05:00'))).toEqual(hours(4, -1, '2026-10-25'));
    });

    it('a rule starting inside the gap starts when the gap ends', () => {
      // 02:30 does not exist in New York on 2026-03-08; 02:30–05:00 becomes 03:30 EDT (07:30Z)–05:00 EDT (09:00Z).
      const slots = computeSlots(
        kyivQuery({
          timeZone: 'America/New_York',
          weeklyRules: [{ weekday: 'sunday', start: '02:30', end: '05:00' }],
          now: new Date('2026-01-01T00:00:00Z'),
          horizonDays: 366,
          from: new Date('2026-03-08T00:00:00Z'),
          to: new Date('2026-03-09T00:00:00Z'),
        }),
      );
      expect(startsOf(slots)).toEqual(['2026-03-08T07:30', '2026-03-08T08:00', '2026-03-08T08:30']);
    });
  });
});
