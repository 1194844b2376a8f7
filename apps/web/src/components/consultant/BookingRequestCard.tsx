import { useRef, useState } from 'react';
import type { BookingView } from '@vetmeet/contracts/client';
import { acceptBooking, declineBooking } from '../../api/consultant-profile';
import { explainBookingActionError, fullRefundSentence, isStaleBookingError } from '../../consultant/booking-actions';
import { ConfirmDialog } from '../ConfirmDialog';
import { BookingFacts } from './BookingFacts';

interface BookingRequestCardProps {
  booking: BookingView;
  /** Tells the calendar what happened, to announce it and load the bookings again. */
  onDone: (message: string) => void;
  /** The booking changed under the page: the calendar loads again. */
  onStale: () => void;
}

/** A paid booking waiting for the consultant: accept it, or decline it (the owner is refunded in full). */
export function BookingRequestCard({ booking, onDone, onStale }: BookingRequestCardProps) {
  const [accepting, setAccepting] = useState(false);
  const [declineOpen, setDeclineOpen] = useState(false);
  const [declining, setDeclining] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [declineError, setDeclineError] = useState<string | null>(null);
  const busy = useRef(false);
  const titleId = `request-${booking.id}`;

  async function accept(): Promise<void> {
    if (busy.current) return;
    busy.current = true;
    setAccepting(true);
    setError(null);
    try {
      await acceptBooking(booking);
      onDone(`You accepted the consultation for ${booking.pet.name} with ${booking.owner.displayName}. They were told by email.`);
    } catch (failure) {
      setError(explainBookingActionError(failure, 'accept'));
      if (isStaleBookingError(failure)) onStale();
    } finally {
      busy.current = false;
      setAccepting(false);
    }
  }

  async function decline(): Promise<void> {
    if (busy.current) return;
    busy.current = true;
    setDeclining(true);
    setDeclineError(null);
    try {
      await declineBooking(booking);
      setDeclineOpen(false);
      onDone(`You declined the consultation for ${booking.pet.name}. ${fullRefundSentence(booking)}`);
    } catch (failure) {
      setDeclineError(explainBookingActionError(failure, 'decline'));
      if (isStaleBookingError(failure)) onStale();
    } finally {
      busy.current = false;
      setDeclining(false);
    }
  }

  return (
    <li className="card booking-card" aria-labelledby={titleId} data-testid="booking-request">
      <h3 id={titleId} className="card-title">
        {booking.pet.name} with {booking.owner.displayName}
        <span className="badge badge-warn">Awaiting your answer</span>
      </h3>
      <BookingFacts booking={booking} />
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <div className="button-row booking-actions">
        <button type="button" className="button button-primary" onClick={() => void accept()} aria-disabled={accepting || undefined}>
          {accepting && <span className="spinner" aria-hidden="true" />}
          {accepting ? 'Accepting…' : 'Accept'}
          <span className="visually-hidden"> the consultation for {booking.pet.name}</span>
        </button>
        <button
          type="button"
          className="button button-danger-outline"
          onClick={() => {
            setDeclineError(null);
            setDeclineOpen(true);
          }}
        >
          Decline<span className="visually-hidden"> the consultation for {booking.pet.name}</span>
        </button>
      </div>
      <ConfirmDialog
        open={declineOpen}
        title="Decline this request?"
        confirmLabel="Decline and refund"
        busyLabel="Declining…"
        cancelLabel="Keep the request"
        busy={declining}
        error={declineError}
        onConfirm={() => void decline()}
        onCancel={() => setDeclineOpen(false)}
      >
        <p>
          The consultation for {booking.pet.name} with {booking.owner.displayName} is not booked. {fullRefundSentence(booking)} The owner is told by email. This
          cannot be undone.
        </p>
      </ConfirmDialog>
    </li>
  );
}
