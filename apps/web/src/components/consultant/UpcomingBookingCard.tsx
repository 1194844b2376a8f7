import { useRef, useState } from 'react';
import type { BookingView } from '@vetmeet/contracts/client';
import { cancelBooking } from '../../api/bookings';
import { bookingRoom } from '../../bookings/booking-join';
import { callInProgress } from '../../bookings/booking-stage';
import { explainBookingActionError, fullRefundSentence, isStaleBookingError } from '../../consultant/booking-actions';
import { consultationPath, roomPath } from '../../consultations/consultation-status';
import { joinWindowState } from '../../consultations/join-window';
import { formatDateTime } from '../../format/dates';
import { Link } from '../../router/Link';
import { ConfirmDialog } from '../ConfirmDialog';
import { BookingFacts } from './BookingFacts';
import { RescheduleDialog } from './RescheduleDialog';

interface UpcomingBookingCardProps {
  /** With its room's opening times (joinOpensAt/joinClosesAt) once it became a consultation. */
  booking: BookingView;
  now: number;
  /** What happened; `leaves` when the booking leaves the upcoming list (cancelled). */
  onDone: (message: string, change: { leaves: boolean }) => void;
  /** A cancel or move was refused as the booking changed meanwhile (its call began or ended): why, for the page. */
  onStale: (message: string) => void;
}

/** A confirmed consultation still to come: its room (joined when open), moving it, or cancelling it with a full refund. */
export function UpcomingBookingCard({ booking, now, onDone, onStale }: UpcomingBookingCardProps) {
  const [cancelOpen, setCancelOpen] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [rescheduling, setRescheduling] = useState(false);
  const rescheduleButton = useRef<HTMLButtonElement>(null);
  const titleId = `upcoming-${booking.id}`;
  const room = bookingRoom(booking);
  const joinState = room ? joinWindowState(room, now) : null;
  const timeZone = booking.consultant.timeZone;

  async function cancel(): Promise<void> {
    if (cancelling) return;
    setCancelling(true);
    setCancelError(null);
    try {
      await cancelBooking(booking.id);
      setCancelOpen(false);
      onDone(`You cancelled the consultation for ${booking.pet.name}. ${fullRefundSentence(booking)}`, { leaves: true });
    } catch (failure) {
      const explained = explainBookingActionError(failure, 'cancel');
      if (isStaleBookingError(failure)) {
        // The reloaded calendar may no longer hold this card (or its dialog): the page says why.
        setCancelOpen(false);
        onStale(explained);
      } else {
        setCancelError(explained);
      }
    } finally {
      setCancelling(false);
    }
  }

  function closeReschedule(): void {
    setRescheduling(false);
    // The dialog goes away with its content: the focus returns to what opened it.
    requestAnimationFrame(() => rescheduleButton.current?.focus());
  }

  return (
    <li className="card booking-card" aria-labelledby={titleId} data-testid="booking-upcoming">
      <h3 id={titleId} className="card-title">
        {booking.pet.name} with {booking.owner.displayName}
        <span className={joinState === 'open' ? 'badge badge-ok' : 'badge badge-brand'}>
          {callInProgress(booking) ? 'In progress' : joinState === 'open' ? 'Room open' : 'Confirmed'}
        </span>
      </h3>
      <BookingFacts booking={booking} />
      <div className="button-row booking-actions">
        {joinState === 'open' && room && (
          <Link to={roomPath(room.id)} className="button button-primary">
            Join the consultation<span className="visually-hidden"> for {booking.pet.name}</span>
          </Link>
        )}
        {booking.consultationId && (
          <Link to={consultationPath(booking.consultationId)} className="button">
            Open the consultation<span className="visually-hidden"> for {booking.pet.name}</span>
          </Link>
        )}
        {booking.policy.canReschedule && (
          <button ref={rescheduleButton} type="button" className="button" onClick={() => setRescheduling(true)}>
            Move<span className="visually-hidden"> the consultation for {booking.pet.name}</span>
          </button>
        )}
        {booking.policy.canCancel && (
          <button
            type="button"
            className="button button-danger-outline"
            onClick={() => {
              setCancelError(null);
              setCancelOpen(true);
            }}
          >
            Cancel<span className="visually-hidden"> the consultation for {booking.pet.name}</span>
          </button>
        )}
      </div>
      {joinState === 'not-yet' && room && (
        <p className="muted small">
          The room opens at <time dateTime={room.joinOpensAt}>{formatDateTime(room.joinOpensAt, timeZone)}</time>.
        </p>
      )}
      {rescheduling && <RescheduleDialog booking={booking} onClose={closeReschedule} onDone={(message) => {
            closeReschedule();
            onDone(message, { leaves: false });
          }} onStale={(message) => {
            closeReschedule();
            onStale(message);
          }} />}
      <ConfirmDialog
        open={cancelOpen}
        title="Cancel this consultation?"
        confirmLabel="Cancel and refund"
        busyLabel="Cancelling…"
        cancelLabel="Keep it"
        busy={cancelling}
        error={cancelError}
        onConfirm={() => void cancel()}
        onCancel={() => setCancelOpen(false)}
      >
        <p>
          The consultation for {booking.pet.name} with {booking.owner.displayName} is cancelled and its room will not open. {fullRefundSentence(booking)} They are
          told by email. This cannot be undone.
        </p>
      </ConfirmDialog>
    </li>
  );
}
