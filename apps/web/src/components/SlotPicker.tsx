import { useCallback, useId } from 'react';
import type { ConsultantSlotsView, ConsultantSlotView, PublicOffering } from '@vetmeet/contracts/client';
import { fetchRescheduleSlots } from '../api/bookings';
import { fetchConsultantSlots } from '../api/consultants';
import { useResource, type Resource } from '../api/use-resource';
import { addDays, formatDayHeading, formatWeekLabel, groupByDay, weekRange, type WeekRange } from '../format/calendar-week';
import { formatPriceOrFree } from '../format/money';
import { LoadFailure } from './LoadFailure';

interface SlotPickerProps {
  consultantId: string;
  consultantName: string;
  consultantTimeZone: string;
  offerings: PublicOffering[];
  /** The chosen length; one of the offerings. */
  minutes: number;
  week: WeekRange;
  /** The first week that may be shown (the current one in the viewer's zone). */
  firstWeek: string;
  /** The viewer's zone: the slots are listed in it. */
  timeZone: string;
  onMinutesChange: (minutes: number) => void;
  onWeekChange: (week: WeekRange) => void;
  onChoose: (slot: ConsultantSlotView, minutes: number) => void;
  /** Hides the length choice (a reschedule keeps the length). */
  fixedLength?: boolean;
  /** What choosing a slot does, for its accessible name: "Book", "Move to". */
  actionLabel: string;
  /** Moving this booking: its own time (and buffers) count as free, and its current start is not offered. */
  reschedule?: { bookingId: string; currentStartsAt: string };
}

/**
 * A week of a consultant's free times in the viewer's zone, a day at a time; the length is
 * chosen first (each has its own times and price), and the weeks are paged.
 */
export function SlotPicker(props: SlotPickerProps) {
  const { consultantId, consultantName, consultantTimeZone, offerings, minutes, week, firstWeek, timeZone, onMinutesChange, onWeekChange, onChoose, fixedLength, actionLabel, reschedule } = props;
  const headingId = useId();
  const query = `${week.from}|${minutes}|${timeZone}`;
  const rescheduledId = reschedule?.bookingId;
  const currentStart = reschedule?.currentStartsAt;
  const load = useCallback(
    async (signal: AbortSignal) => {
      if (!rescheduledId) return { query, view: await fetchConsultantSlots(consultantId, { from: week.from, to: week.to, durationMinutes: minutes, timeZone }, signal) };
      const view = await fetchRescheduleSlots(rescheduledId, { from: week.from, to: week.to, timeZone }, signal);
      return { query, view: { ...view, slots: view.slots.filter((slot) => slot.startsAt !== currentStart) } };
    },
    [consultantId, query, week.from, week.to, minutes, timeZone, rescheduledId, currentStart],
  );
  const loaded = useResource(load);
  // The previous week's answer stays in the resource until the new one arrives: it is not this week's.
  const current: Resource<ConsultantSlotsView> =
    loaded.resource.status === 'loaded' ? (loaded.resource.data.query === query ? { status: 'loaded', data: loaded.resource.data.view } : { status: 'loading' }) : loaded.resource;
  const slots = { resource: current, reload: loaded.reload };
  const sortedOfferings = [...offerings].sort((a, b) => a.durationMinutes - b.durationMinutes);

  return (
    <div className="slot-picker" data-testid="slot-picker">
      {!fixedLength && sortedOfferings.length > 1 && (
        <fieldset className="fieldset slot-lengths">
          <legend>Length</legend>
          <div className="choice-row">
            {sortedOfferings.map((offering) => (
              <label key={offering.durationMinutes} className="choice">
                <input type="radio" name="slot-length" value={offering.durationMinutes} checked={offering.durationMinutes === minutes} onChange={() => onMinutesChange(offering.durationMinutes)} />
                <span>
                  {offering.durationMinutes} minutes · {formatPriceOrFree(offering.priceAmount, offering.priceCurrency)}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
      )}

      <div className="week-nav">
        <button type="button" className="button button-quiet" onClick={() => onWeekChange(weekRange(addDays(week.from, -7)))} disabled={week.from <= firstWeek}>
          ← Previous week
        </button>
        <h3 id={headingId} className="week-label">
          <span className="visually-hidden">Week of </span>
          {formatWeekLabel(week)}
        </h3>
        <button type="button" className="button button-quiet" onClick={() => onWeekChange(weekRange(week.to))}>
          Next week →
        </button>
      </div>
      <p className="muted small">
        Times in your time zone, {timeZone}.{consultantTimeZone !== timeZone && ` ${consultantName} works in ${consultantTimeZone}.`}
      </p>

      <div role="status" className="status-region">
        {slots.resource.status === 'loading' && <p className="muted">Looking for free times…</p>}
        {slots.resource.status === 'loaded' && (
          <p className="visually-hidden">
            {slots.resource.data.slots.length === 0 ? 'No free times this week.' : `${slots.resource.data.slots.length} free times in the week of ${formatWeekLabel(week)}.`}
          </p>
        )}
      </div>
      {slots.resource.status === 'failed' && <LoadFailure error={slots.resource.error} onRetry={slots.reload} />}
      {slots.resource.status === 'loaded' &&
        (slots.resource.data.slots.length === 0 ? (
          <div className="empty-state slot-empty" data-testid="no-slots">
            <p>No free times this week.</p>
            <button type="button" className="button" onClick={() => onWeekChange(weekRange(week.to))}>
              Look at the next week
            </button>
          </div>
        ) : (
          <SlotDays slots={slots.resource.data.slots} week={week} labelledBy={headingId} minutes={minutes} actionLabel={actionLabel} onChoose={onChoose} />
        ))}
    </div>
  );
}

interface SlotDaysProps {
  slots: ConsultantSlotView[];
  week: WeekRange;
  labelledBy: string;
  minutes: number;
  actionLabel: string;
  onChoose: (slot: ConsultantSlotView, minutes: number) => void;
}

function SlotDays({ slots, week, labelledBy, minutes, actionLabel, onChoose }: SlotDaysProps) {
  const days = [...groupByDay(slots, week.days)].filter(([, daySlots]) => daySlots.length > 0);
  return (
    <ul className="slot-days" aria-labelledby={labelledBy}>
      {days.map(([day, daySlots]) => (
        <li key={day} className="slot-day">
          <h4 className="slot-day-heading">{formatDayHeading(day)}</h4>
          <ul className="slot-list">
            {daySlots.map((slot) => (
              <li key={slot.startsAt}>
                <button type="button" className="button slot-button" onClick={() => onChoose(slot, minutes)} aria-label={`${actionLabel} ${slot.label}`}>
                  {slot.startTime}
                </button>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}
