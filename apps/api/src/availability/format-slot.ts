import { ErrorCode } from '@vetmeet/contracts';
import { AppError } from '../common/errors/app-error';
import { Slot } from './availability-rules';
import { MS_PER_DAY, isValidTimeZone, isoDateOfDay, wallClockOf } from './zoned-time';

/** A slot as a pet owner sees it in their own zone; dates differ from the consultant's across a date line. */
export interface ViewerSlot {
  timeZone: string;
  /** Local date of the start, 'YYYY-MM-DD'. */
  date: string;
  /** 'HH:MM' in the viewer's zone. */
  startTime: string;
  endTime: string;
  /** Local date of the end; differs from `date` when the slot runs past the viewer's midnight. */
  endDate: string;
  /** A sentence for the page, in `locale`, e.g. "Tuesday, 24 November 2026, 03:00–03:30". */
  label: string;
}

export function formatSlotForViewer(slot: Slot, viewerTimeZone: string, locale = 'en-GB'): ViewerSlot {
  // The zone comes from the owner's browser or profile; a bad one is their input, not our failure.
  if (!isValidTimeZone(viewerTimeZone)) {
    throw new AppError(ErrorCode.ValidationFailed, 'The time zone is not known.', ['timeZone: must be an IANA time zone']);
  }
  const startWall = wallClockOf(slot.startsAt.getTime(), viewerTimeZone);
  const endWall = wallClockOf(slot.endsAt.getTime(), viewerTimeZone);
  const { date: dateFormat, time } = labelFormatsFor(locale, viewerTimeZone);
  const dateLabel = dateFormat.format(slot.startsAt);
  return {
    timeZone: viewerTimeZone,
    date: isoDateOfDay(Math.floor(startWall / MS_PER_DAY)),
    startTime: new Date(startWall).toISOString().slice(11, 16),
    endTime: new Date(endWall).toISOString().slice(11, 16),
    endDate: isoDateOfDay(Math.floor(endWall / MS_PER_DAY)),
    // Not formatRange: across the viewer's midnight it repeats both dates, which reads worse than "23:30–00:00".
    label: `${dateLabel}, ${time.format(slot.startsAt)}–${time.format(slot.endsAt)}`,
  };
}

// Creating a DateTimeFormat costs far more than using one (about 0.2 ms each): a slot list reuses them.
const labelFormats = new Map<string, { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat }>();

function labelFormatsFor(locale: string, timeZone: string): { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat } {
  const key = `${locale}|${timeZone}`;
  let formats = labelFormats.get(key);
  if (!formats) {
    // Zones come from viewers (in any letter case): a bound keeps the cache from growing without end.
    if (labelFormats.size >= 1_000) labelFormats.clear();
    formats = {
      date: new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full' }),
      time: new Intl.DateTimeFormat(locale, { timeZone, timeStyle: 'short' }),
    };
    labelFormats.set(key, formats);
  }
  return formats;
}
