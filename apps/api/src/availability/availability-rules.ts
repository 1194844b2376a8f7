/**
 * The inputs of the slot engine. Wall-clock values ("HH:MM", "YYYY-MM-DD") are in the
 * consultant's time zone, because that is how a consultant thinks about working hours;
 * everything that already happened or was booked is a UTC instant, because bookings must
 * not move when a zone's rules change.
 */

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
/** Ordered like `Date.prototype.getUTCDay()`, so an index converts without a table. */
export type Weekday = (typeof WEEKDAYS)[number];

/** A local wall-clock interval, e.g. { start: '09:00', end: '17:00' }. `end` may be '24:00'. */
export interface LocalTimeInterval {
  start: string;
  end: string;
}

export interface WeeklyRule extends LocalTimeInterval {
  weekday: Weekday;
}

/** Replaces the weekly rules for one local date; no intervals (or `closed`) means closed all day. */
export interface DateOverride {
  date: string;
  closed?: boolean;
  intervals?: LocalTimeInterval[];
}

export interface UtcInterval {
  startsAt: Date;
  endsAt: Date;
}

/** A booking or a hold (a booking in progress); both occupy the consultant and count toward the daily limit. */
export interface BusyInterval extends UtcInterval {
  kind: 'booking' | 'hold';
}

export interface SlotQuery {
  /** IANA zone of the consultant, e.g. 'Europe/Kyiv'. */
  timeZone: string;
  weeklyRules: WeeklyRule[];
  dateOverrides?: DateOverride[];
  timeOff?: UtcInterval[];
  consultationMinutes: number;
  /** Distance between slot starts; defaults to the consultation length. */
  stepMinutes?: number;
  bufferBeforeMinutes?: number;
  bufferAfterMinutes?: number;
  minimumNoticeMinutes?: number;
  /** A slot must start within this many days (24-hour periods) of `now`. */
  horizonDays: number;
  /** Most consultations in one local day of the consultant, existing bookings and holds included. */
  dailyLimit?: number;
  busy?: BusyInterval[];
  now: Date;
  from: Date;
  to: Date;
}

/** A bookable consultation, in UTC; shown to a viewer with `formatSlotForViewer`. */
export interface Slot {
  startsAt: Date;
  endsAt: Date;
}
