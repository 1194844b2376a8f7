import { useCallback, useState } from 'react';
import type { BookingView, ConsultantSlotView } from '@vetmeet/contracts/client';
import { rescheduleBooking } from '../api/bookings';
import { fetchConsultant } from '../api/consultants';
import { describeApiError } from '../api/error-messages';
import { ApiError } from '../api/api-error';
import { useResource } from '../api/use-resource';
import { isSlotLost } from '../bookings/booking-form';
import { calendarDateIn, weekRange, weekToShow, type WeekRange } from '../format/calendar-week';
import { formatInstant, formatTimeRange } from '../format/time-range';
import { ConfirmDialog } from './ConfirmDialog';
import { LoadFailure } from './LoadFailure';
import { SlotPicker } from './SlotPicker';

interface RescheduleBookingSectionProps {
  booking: BookingView;
  timeZone: string;
  onRescheduled: (booking: BookingView) => void;
}

/** Another of the consultant's free times of the same length, while the policy allows it. */
export function RescheduleBookingSection({ booking, timeZone, onRescheduled }: RescheduleBookingSectionProps) {
  const [open, setOpen] = useState(false);
  return (
    <section className="card section-card" aria-labelledby="reschedule-title">
      <h2 id="reschedule-title">Change the time</h2>
      <p className="muted">
        Move to another of {booking.consultant.displayName}’s free times, same length and price. Possible until {formatInstant(booking.policy.fullRefundUntil, timeZone)}.
      </p>
      {open ? (
        <ReschedulePicker
          booking={booking}
          timeZone={timeZone}
          onRescheduled={(updated) => {
            setOpen(false);
            onRescheduled(updated);
          }}
        />
      ) : (
        <button type="button" className="button" onClick={() => setOpen(true)}>
          Choose another time
        </button>
      )}
    </section>
  );
}

function ReschedulePicker({ booking, timeZone, onRescheduled }: RescheduleBookingSectionProps) {
  const load = useCallback((signal: AbortSignal) => fetchConsultant(booking.consultant.id, signal), [booking.consultant.id]);
  const consultant = useResource(load);
  const now = Date.now();
  const firstWeek = weekToShow(null, timeZone, now);
  const [week, setWeek] = useState<WeekRange>(() => weekToShow(calendarDateIn(Date.parse(booking.startsAt), timeZone), timeZone, now));
  const [chosen, setChosen] = useState<ConsultantSlotView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pickerKey, setPickerKey] = useState(0);

  async function confirm(): Promise<void> {
    if (!chosen) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await rescheduleBooking(booking.id, chosen.startsAt);
      setChosen(null);
      onRescheduled(updated);
    } catch (failure) {
      if (isSlotLost(failure)) {
        setChosen(null);
        // Show the week again without the time that is gone.
        setPickerKey((n) => n + 1);
        setError('That time was taken a moment ago. Choose another one.');
      } else {
        setError(failure instanceof ApiError ? describeApiError(failure) : 'The booking could not be moved. Try again.');
      }
    } finally {
      setBusy(false);
    }
  }

  if (consultant.resource.status === 'loading') return <p role="status">Loading free times…</p>;
  if (consultant.resource.status === 'failed') return <LoadFailure error={consultant.resource.error} onRetry={consultant.reload} />;
  const profile = consultant.resource.data;

  return (
    <>
      {error && !chosen && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <SlotPicker
        key={pickerKey}
        consultantId={profile.id}
        consultantName={profile.displayName}
        consultantTimeZone={profile.timeZone}
        offerings={profile.offerings.filter((offering) => offering.durationMinutes === booking.durationMinutes)}
        minutes={booking.durationMinutes}
        week={week}
        firstWeek={firstWeek.from}
        timeZone={timeZone}
        onMinutesChange={() => undefined}
        onWeekChange={(next) => setWeek(weekRange(next.from))}
        onChoose={(slot) => {
          setError(null);
          setChosen(slot);
        }}
        fixedLength
        actionLabel="Move to"
        reschedule={{ bookingId: booking.id, currentStartsAt: booking.startsAt }}
      />
      <ConfirmDialog
        open={chosen !== null}
        title="Move the booking?"
        confirmLabel="Move it"
        busyLabel="Moving…"
        cancelLabel="Keep the current time"
        busy={busy}
        error={chosen ? error : null}
        onConfirm={() => void confirm()}
        onCancel={() => setChosen(null)}
      >
        {chosen && (
          <>
            <p>From {formatTimeRange(booking.startsAt, booking.endsAt, timeZone)}</p>
            <p>
              <strong>to {formatTimeRange(chosen.startsAt, chosen.endsAt, timeZone)}</strong>
            </p>
            <p className="muted">Same length and price; {booking.consultant.displayName} is told of the change.</p>
          </>
        )}
      </ConfirmDialog>
    </>
  );
}
