import { Slot, SlotQuery } from './availability-rules';

/**
 * A Kyiv consultant (EET, UTC+2 in November) working Mondays 09:00–12:00 in 30-minute
 * consultations; 2026-11-23 is a Monday, so its slots start at 07:00Z … 09:30Z.
 */
export function kyivQuery(changes: Partial<SlotQuery> = {}): SlotQuery {
  return {
    timeZone: 'Europe/Kyiv',
    weeklyRules: [{ weekday: 'monday', start: '09:00', end: '12:00' }],
    consultationMinutes: 30,
    horizonDays: 60,
    now: new Date('2026-11-20T00:00:00Z'),
    from: new Date('2026-11-23T00:00:00Z'),
    to: new Date('2026-11-24T00:00:00Z'),
    ...changes,
  };
}

export const startsOf = (slots: Slot[]) => slots.map((slot) => slot.startsAt.toISOString().slice(0, 16));

/** A UTC interval from two ISO instants without seconds, e.g. '2026-11-23T08:00'. */
export const utcInterval = (start: string, end: string) => ({ startsAt: new Date(`${start}Z`), endsAt: new Date(`${end}Z`) });
