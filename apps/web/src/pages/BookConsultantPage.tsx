import { useCallback } from 'react';
import { ErrorCode, type BookingCreatedView, type ConsultantPublicView, type PetView } from '@vetmeet/contracts/client';
import type { ApiError } from '../api/api-error';
import { fetchConsultant } from '../api/consultants';
import { listPets } from '../api/pets';
import { useResource } from '../api/use-resource';
import { bookingTargetFrom, type BookingTarget } from '../bookings/booking-form';
import { bookingPolicySentence } from '../bookings/booking-policy-text';
import { bookingPath, bookingPayPath, consultantProfilePath, consultantSlotsPath } from '../bookings/booking-status';
import { rememberPaymentStart } from '../bookings/payment-start-store';
import { BookingForm } from '../components/BookingForm';
import { LoadFailure } from '../components/LoadFailure';
import { calendarDateIn } from '../format/calendar-week';
import { formatPriceOrFree } from '../format/money';
import { formatTimeRange } from '../format/time-range';
import { navigateWithMessage } from '../router/flash';
import { Link } from '../router/Link';
import { useSearchParams } from '../router/router';
import { useViewerTimeZone } from '../session/use-viewer-time-zone';

/** Booking one of a consultant's free times: which pet, why, then on to paying while the time is held. */
export function BookConsultantPage({ consultantId }: { consultantId: string }) {
  const target = bookingTargetFrom(useSearchParams());
  const loadConsultant = useCallback((signal: AbortSignal) => fetchConsultant(consultantId, signal), [consultantId]);
  const consultant = useResource(loadConsultant);
  const pets = useResource(listPets);

  const back = (
    <p className="back-link">
      <Link to={consultantProfilePath(consultantId)}>← Back to the vet’s free times</Link>
    </p>
  );

  if (!target) {
    return (
      <section className="page narrow" aria-labelledby="book-title">
        {back}
        <h1 id="book-title">Choose a time first</h1>
        <p>This address does not name a time to book. Choose one of the vet’s free times.</p>
      </section>
    );
  }
  if (consultant.resource.status === 'failed' || pets.resource.status === 'failed') {
    const failed = consultant.resource.status === 'failed' ? consultant : pets;
    return (
      <section className="page narrow" aria-labelledby="book-title">
        {back}
        <h1 id="book-title">Book a consultation</h1>
        {failed.resource.status === 'failed' && <LoadFailure error={failed.resource.error} onRetry={failed.reload} />}
      </section>
    );
  }
  if (consultant.resource.status === 'loading' || pets.resource.status === 'loading') {
    return (
      <section className="page narrow">
        {back}
        <p role="status">Loading…</p>
      </section>
    );
  }
  return <BookingStep consultant={consultant.resource.data} pets={pets.resource.data} target={target} back={back} />;
}

interface BookingStepProps {
  consultant: ConsultantPublicView;
  pets: PetView[];
  target: BookingTarget;
  back: React.JSX.Element;
}

function BookingStep({ consultant, pets, target, back }: BookingStepProps) {
  const timeZone = useViewerTimeZone();
  const offering = consultant.offerings.find((candidate) => candidate.durationMinutes === target.durationMinutes);
  const endsAt = new Date(Date.parse(target.startsAt) + target.durationMinutes * 60_000).toISOString();
  const when = formatTimeRange(target.startsAt, endsAt, timeZone);
  const slotsPath = consultantSlotsPath(consultant.id, target.durationMinutes, calendarDateIn(Date.parse(target.startsAt), timeZone));

  function created({ booking, payment }: BookingCreatedView): void {
    if (payment) {
      rememberPaymentStart(booking.id, payment);
      navigateWithMessage(bookingPayPath(booking.id), `${when} is held for you while you pay.`);
    } else {
      navigateWithMessage(bookingPath(booking.id), booking.status === 'confirmed' ? 'Your consultation is booked.' : `Your request was sent to ${consultant.displayName}.`);
    }
  }

  function slotLost(error: ApiError): void {
    const message =
      error.code === ErrorCode.SlotTaken
        ? `Someone booked ${when} a moment ago. Choose another time.`
        : `${when} can no longer be booked (it is too soon, or the vet’s hours changed). Choose another time.`;
    navigateWithMessage(slotsPath, message);
  }

  return (
    <section className="page narrow" aria-labelledby="book-title">
      {back}
      <p className="eyebrow">{consultant.clinic.name}</p>
      <h1 id="book-title">Book a consultation with {consultant.displayName}</h1>

      <section className="card section-card" aria-labelledby="booking-summary-title" data-testid="booking-summary">
        <h2 id="booking-summary-title">Your booking</h2>
        <dl className="details">
          <div className="details-wide">
            <dt>When</dt>
            <dd>{when}</dd>
          </div>
          <div>
            <dt>Length</dt>
            <dd>{target.durationMinutes} minutes, by video</dd>
          </div>
          <div>
            <dt>Price</dt>
            <dd>{offering ? formatPriceOrFree(offering.priceAmount, offering.priceCurrency) : 'Not offered any more'}</dd>
          </div>
        </dl>
        <p className="small refund-policy" data-testid="booking-policy">
          {bookingPolicySentence(consultant.bookingPolicy, offering?.priceAmount ?? 1)}
          {!consultant.autoAccept && ` ${consultant.displayName} then confirms the request; if they decline, you are refunded in full.`}
        </p>
        <p className="small">
          <Link to={slotsPath}>Choose another time</Link>
        </p>
      </section>

      {!offering ? (
        <p className="notice notice-error" role="alert">
          {consultant.displayName} no longer offers {target.durationMinutes}-minute consultations. <Link to={consultantProfilePath(consultant.id)}>Choose another length</Link>.
        </p>
      ) : offering.priceAmount > 0 && !consultant.takesPaidBookings ? (
        <p className="notice notice-warn" data-testid="clinic-payments-not-ready">
          {consultant.clinic.name} cannot take card payments yet, so this consultation cannot be booked for now. Please
          come back later or <Link to="/consultants">choose another vet</Link>.
        </p>
      ) : pets.length === 0 ? (
        <div className="card empty-state" data-testid="no-pets">
          <p>Add your pet first: a booking is always for one of your pets.</p>
          <p>
            <Link to="/pets" className="button button-primary">
              Add a pet
            </Link>
          </p>
          <p className="muted small">Then come back to this page; the time is not held until you book it.</p>
        </div>
      ) : (
        <section className="card form-card" aria-labelledby="booking-form-title">
          <h2 id="booking-form-title">About the visit</h2>
          <BookingForm
            consultantId={consultant.id}
            target={target}
            pets={pets}
            submitLabel={offering.priceAmount === 0 ? 'Book this time' : `Hold this time and pay ${formatPriceOrFree(offering.priceAmount, offering.priceCurrency)}`}
            onCreated={created}
            onSlotLost={slotLost}
          />
        </section>
      )}
    </section>
  );
}
