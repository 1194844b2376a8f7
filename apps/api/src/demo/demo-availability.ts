import { CONSULTANT_WEEKDAYS, type ConsultantAvailabilityPayload, type ConsultantOffering } from '@vetmeet/contracts';

/** How far ahead the demo consultants take bookings. */
export const DEMO_HORIZON_DAYS = 14;

/** Minutes between two slot starts: the first free slot is never further away than this. */
export const DEMO_STEP_MINUTES = 15;

/**
 * The demo's prices: the shortest consultation is one step long, so it fits the last quarter
 * hour of a local day too (a longer one cannot start then, its end would fall into the next day).
 */
export const DEMO_OFFERINGS: ConsultantOffering[] = [
  { durationMinutes: DEMO_STEP_MINUTES, priceAmount: 2500 },
  { durationMinutes: 30, priceAmount: 4500 },
];

/**
 * The demo consultants work around the clock, every day, in quarter-hour steps, with no
 * buffers and no notice: whenever a newcomer starts the walk (right after the first start or
 * days later), a free slot begins within the next quarter hour, and the room opens for it at
 * once (CONSULTATION_JOIN_OPENS_MINUTES is 15 by default). Rules, not dates, so the two weeks
 * ahead roll with the clock and never run out.
 */
export function demoAvailability(): ConsultantAvailabilityPayload {
  return {
    weeklyRules: CONSULTANT_WEEKDAYS.map((weekday) => ({ weekday, start: '00:00', end: '24:00' })),
    dateOverrides: [],
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minimumNoticeMinutes: 0,
    horizonDays: DEMO_HORIZON_DAYS,
    dailyLimit: null,
    stepMinutes: DEMO_STEP_MINUTES,
  };
}
