import { LocalTimeInterval, Slot, SlotQuery, WEEKDAYS } from './availability-rules';
import { IntervalSweep, MsInterval, mergeIntervals } from './interval-sweep';
import { validateSlotQuery } from './validate-slot-query';
import { MS_PER_DAY, MS_PER_MINUTE, dayOfIsoDate, localDayOf, minutesOfLocalTime, wallToUtcOfDay } from './zoned-time';

/**
 * The bookable slots of one consultant: weekly rules (or a date's override) in the
 * consultant's zone, minus time off, bookings and holds with their buffers, within the
 * minimum notice, the horizon, the daily limit and [from, to) (a slot is returned when it
 * starts in that range). Slots are in UTC, ascending.
 */
export function computeSlots(query: SlotQuery): Slot[] {
  validateSlotQuery(query);
  const zone = query.timeZone;
  const lengthMs = query.consultationMinutes * MS_PER_MINUTE;
  const stepMs = (query.stepMinutes ?? query.consultationMinutes) * MS_PER_MINUTE;
  const beforeMs = (query.bufferBeforeMinutes ?? 0) * MS_PER_MINUTE;
  const afterMs = (query.bufferAfterMinutes ?? 0) * MS_PER_MINUTE;
  const now = query.now.getTime();
  const earliestStart = Math.max(query.from.getTime(), now + (query.minimumNoticeMinutes ?? 0) * MS_PER_MINUTE);
  // Inclusive: with a 7-day horizon a slot exactly 7 days away may still be booked.
  const latestStart = Math.min(query.to.getTime() - 1, now + query.horizonDays * MS_PER_DAY);
  if (latestStart < earliestStart) return [];

  const busy = query.busy ?? [];
  // Every consultation owns its buffers, so a new one's padded time must not meet an existing one's.
  const busySweep = new IntervalSweep(busy.map((b) => [b.startsAt.getTime() - beforeMs, b.endsAt.getTime() + afterMs] as const));
  // Buffers are preparation and notes around consultations; they may fall in time off.
  const timeOffSweep = new IntervalSweep((query.timeOff ?? []).map((t) => [t.startsAt.getTime(), t.endsAt.getTime()] as const));
  const consultationsPerDay = countPerLocalDay(busy.map((b) => b.startsAt.getTime()), zone);
  const intervalsOfDay = localIntervalsByDay(query);

  const slots: Slot[] = [];
  for (let day = localDayOf(earliestStart, zone); day <= localDayOf(latestStart, zone); day += 1) {
    if (query.dailyLimit !== undefined && (consultationsPerDay.get(day) ?? 0) >= query.dailyLimit) continue;
    for (const [start, end] of utcIntervalsOfDay(day, intervalsOfDay(day), zone)) {
      // Jump straight to the first step at or after the earliest start, keeping the alignment to the rule's start.
      const skippedSteps = Math.max(0, Math.ceil((earliestStart - start) / stepMs));
      for (let at = start + skippedSteps * stepMs; at + lengthMs <= end && at <= latestStart; at += stepMs) {
        if (timeOffSweep.overlaps(at, at + lengthMs)) continue;
        if (busySweep.overlaps(at - beforeMs, at + lengthMs + afterMs)) continue;
        slots.push({ startsAt: new Date(at), endsAt: new Date(at + lengthMs) });
      }
    }
  }
  return slots;
}

function countPerLocalDay(instants: number[], zone: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const instant of instants) {
    const day = localDayOf(instant, zone);
    counts.set(day, (counts.get(day) ?? 0) + 1);
  }
  return counts;
}

/** The local intervals that apply on a local day: its override if it has one, else its weekday's rules. */
function localIntervalsByDay(query: SlotQuery): (day: number) => LocalTimeInterval[] {
  const overrides = new Map<number, LocalTimeInterval[]>();
  for (const override of query.dateOverrides ?? []) {
    overrides.set(dayOfIsoDate(override.date) as number, override.closed ? [] : (override.intervals ?? []));
  }
  const byWeekday = WEEKDAYS.map((weekday) => query.weeklyRules.filter((rule) => rule.weekday === weekday));
  // Day 0 (1970-01-01) was a Thursday.
  return (day) => overrides.get(day) ?? byWeekday[(((day + 4) % 7) + 7) % 7];
}

/**
 * Converts a day's local intervals to UTC. Converting each end separately is what makes DST
 * right: 09:00–17:00 stays 8 real hours on both transition days, and 01:00–04:00 on a
 * spring-forward day is only the 2 hours that exist. Overlapping rules are merged so they
 * cannot offer the same time twice.
 */
function utcIntervalsOfDay(day: number, intervals: LocalTimeInterval[], zone: string): MsInterval[] {
  const midnight = day * MS_PER_DAY;
  if (intervals.length === 0) return [];
  const wallToUtc = wallToUtcOfDay(day, zone);
  const toUtc = (time: string) => wallToUtc(midnight + (minutesOfLocalTime(time) as number) * MS_PER_MINUTE);
  return mergeIntervals(intervals.map((interval) => [toUtc(interval.start), toUtc(interval.end)] as const)).filter(
    ([start, end]) => end > start,
  );
}
