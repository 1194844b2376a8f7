import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { ErrorCode, type BookingView } from '@vetmeet/contracts/client';
import { fetchRescheduleSlots, rescheduleBooking } from '../../api/bookings';
import { useResource } from '../../api/use-resource';
import { explainBookingActionError, isStaleBookingError } from '../../consultant/booking-actions';
import { formatZonedRange } from '../../consultant/zoned-range';
import { addDays, calendarDateIn } from '../../format/calendar-week';
import { parseCalendarDate } from '../../format/dates';
import { LoadFailure } from '../LoadFailure';

interface RescheduleDialogProps {
  booking: BookingView;
  onClose: () => void;
  onDone: (message: string) => void;
  /** The move was refused because the booking changed meanwhile: why (the dialog closes, the page says it). */
  onStale: (message: string) => void;
}

/**
 * Moves a consultation to another of the consultant's free slots of the same length, picked
 * by date in the consultant's zone. Rendered only while open: it asks for slots when it opens.
 */
export function RescheduleDialog({ booking, onClose, onDone, onStale }: RescheduleDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const dateId = useId();
  const timeZone = booking.consultant.timeZone;
  const today = calendarDateIn(Date.now(), timeZone);
  const [date, setDate] = useState(() => calendarDateIn(Date.parse(booking.startsAt), timeZone));
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  const validDate = parseCalendarDate(date) !== null && date >= today;
  const load = useCallback(
    // The booking's own time and buffers count as free: it may move within them.
    (signal: AbortSignal) => fetchRescheduleSlots(booking.id, { from: date, to: addDays(date, 1), timeZone }, signal),
    // `attempt` asks again after a slot was refused.
    [booking.id, date, timeZone, attempt],
  );

  async function move(): Promise<void> {
    if (busy) return;
    if (!chosen) {
      setError('Choose one of the free times first.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const moved = await rescheduleBooking(booking.id, chosen);
      onDone(`The consultation for ${booking.pet.name} moved to ${formatZonedRange(moved.startsAt, moved.endsAt, timeZone)}. ${booking.owner.displayName} was told by email.`);
    } catch (failure) {
      if (isStaleBookingError(failure)) {
        onStale(explainBookingActionError(failure, 'reschedule'));
        return;
      }
      setError(explainBookingActionError(failure, 'reschedule'));
      setChosen(null);
      setAttempt((n) => n + 1);
    } finally {
      setBusy(false);
    }
  }

  return (
    <dialog
      ref={dialogRef}
      className="dialog dialog-wide"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
    >
      <h2 id={titleId}>Move the consultation for {booking.pet.name}</h2>
      <div className="dialog-body">
        <p>
          Now: {formatZonedRange(booking.startsAt, booking.endsAt, timeZone)}. Pick a free time of the same length ({booking.durationMinutes} minutes); the owner is told by
          email and pays nothing more.
        </p>
        <div className="field">
          <label htmlFor={dateId}>Date</label>
          <p className="field-hint">In your time zone ({timeZone.replaceAll('_', ' ')}).</p>
          <input
            id={dateId}
            type="date"
            className="input input-medium"
            min={today}
            value={date}
            onChange={(event) => {
              setDate(event.target.value);
              setChosen(null);
            }}
          />
        </div>
        {validDate ? (
          <SlotChoices load={load} chosen={chosen} onChoose={setChosen} currentStart={booking.startsAt} />
        ) : (
          <p className="muted">Choose today or a later date.</p>
        )}
      </div>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose} disabled={busy}>
          Keep the time
        </button>
        <button type="button" className="button button-primary" onClick={() => void move()} aria-disabled={busy || undefined}>
          {busy && <span className="spinner" aria-hidden="true" />}
          {busy ? 'Moving…' : 'Move the consultation'}
        </button>
      </div>
    </dialog>
  );
}

interface SlotChoicesProps {
  load: (signal: AbortSignal) => ReturnType<typeof fetchRescheduleSlots>;
  chosen: string | null;
  currentStart: string;
  onChoose: (startsAt: string) => void;
}

function SlotChoices({ load, chosen, currentStart, onChoose }: SlotChoicesProps) {
  const slots = useResource(load);
  const { resource } = slots;
  const legendId = useId();

  if (resource.status === 'loading') return <p role="status">Finding free times…</p>;
  if (resource.status === 'failed') {
    return resource.error.code === ErrorCode.NotFound ? (
      <p className="notice notice-warn">Your profile is not published, so no free times can be offered. Publish it to move bookings.</p>
    ) : (
      <LoadFailure error={resource.error} onRetry={slots.reload} />
    );
  }
  const choices = resource.data.slots.filter((slot) => slot.startsAt !== currentStart);
  if (choices.length === 0) return <p role="status">No free times that day. Try another date.</p>;
  return (
    <fieldset className="fieldset slot-choices" aria-labelledby={legendId}>
      <legend id={legendId}>Free times</legend>
      <div className="slot-choice-grid">
        {choices.map((slot) => (
          <label key={slot.startsAt} className={chosen === slot.startsAt ? 'slot-choice is-chosen' : 'slot-choice'}>
            <input type="radio" name="reschedule-slot" value={slot.startsAt} checked={chosen === slot.startsAt} onChange={() => onChoose(slot.startsAt)} />
            {slot.startTime}–{slot.endTime}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
