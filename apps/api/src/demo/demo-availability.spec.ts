import { computeSlots } from '../availability/slot-engine';
import { DEMO_HORIZON_DAYS, DEMO_OFFERINGS, DEMO_STEP_MINUTES, demoAvailability } from './demo-availability';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** The demo consultant's slots of one length as the directory computes them, over the horizon. */
function slotsAt(
  now: Date,
  timeZone: string,
  consultationMinutes: number,
  busy: { startsAt: Date; endsAt: Date }[] = [],
  days = DEMO_HORIZON_DAYS + 1,
) {
  const availability = demoAvailability();
  return computeSlots({
    timeZone,
    weeklyRules: availability.weeklyRules,
    dateOverrides: availability.dateOverrides,
    stepMinutes: availability.stepMinutes ?? undefined,
    bufferBeforeMinutes: availability.bufferBeforeMinutes,
    bufferAfterMinutes: availability.bufferAfterMinutes,
    minimumNoticeMinutes: availability.minimumNoticeMinutes,
    horizonDays: availability.horizonDays,
    consultationMinutes,
    busy: busy.map((interval) => ({ ...interval, kind: 'booking' as const })),
    now,
    from: now,
    to: new Date(now.getTime() + days * DAY),
  });
}

const minutesUntilFirst = (now: Date, timeZone: string, consultationMinutes: number) =>
  (slotsAt(now, timeZone, consultationMinutes, [], 1)[0].startsAt.getTime() - now.getTime()) / MINUTE;

// Zones a newcomer's machine may be in, including offsets of 30 and 45 minutes and DST changes.
const ZONES = ['UTC', 'Europe/Kyiv', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe'];
// Any minute of a day, DST transition days included (Europe: 2026-03-29 and 2026-10-25; US: 2026-03-08).
const DAYS = ['2026-12-08T00:00:00Z', '2026-03-29T00:50:00Z', '2026-10-25T00:10:00Z', '2026-03-08T06:35:00Z'];
const MOMENTS = DAYS.flatMap((day) =>
  Array.from({ length: 24 * 4 * 3 }, (_, i) => new Date(new Date(day).getTime() + i * 5 * MINUTE + 17_000)),
);

describe('demoAvailability', () => {
  it('offers the shortest consultation within the next quarter hour at any moment, in any zone', () => {
    const shortest = Math.min(...DEMO_OFFERINGS.map((offering) => offering.durationMinutes));
    for (const zone of ZONES) {
      for (const now of MOMENTS) {
        const wait = minutesUntilFirst(now, zone, shortest);
        if (wait < 0 || wait >= DEMO_STEP_MINUTES) {
          throw new Error(`${zone} at ${now.toISOString()}: first slot in ${wait} minutes`);
        }
      }
    }
  });

  it('offers every length within the next quarter hour except near the end of the consultant\'s day', () => {
    const now = new Date('2026-12-08T10:01:00Z');
    for (const { durationMinutes } of DEMO_OFFERINGS) {
      expect(minutesUntilFirst(now, 'Europe/Kyiv', durationMinutes)).toBe(14);
    }
  });

  it('still offers a slot within the quarter hour after the one right ahead is booked', () => {
    const now = new Date('2026-12-08T10:01:00Z');
    const [first] = slotsAt(now, 'Europe/Kyiv', 15);
    const [next] = slotsAt(now, 'Europe/Kyiv', 15, [first]);
    expect(next.startsAt.getTime() - first.endsAt.getTime()).toBe(0);
  });

  it('takes bookings for the coming two weeks, and no further', () => {
    const now = new Date('2026-12-08T10:01:00Z');
    const slots = slotsAt(now, 'Europe/Kyiv', 30);
    const last = slots[slots.length - 1].startsAt.getTime();
    expect(last).toBeLessThanOrEqual(now.getTime() + DEMO_HORIZON_DAYS * DAY);
    expect(last).toBeGreaterThan(now.getTime() + DEMO_HORIZON_DAYS * DAY - DEMO_STEP_MINUTES * MINUTE);
  });
});
