import { useCallback } from 'react';
import { ErrorCode, type ConsultantPublicView, type ConsultantSlotView } from '@vetmeet/contracts/client';
import { fetchConsultant } from '../api/consultants';
import { useResource } from '../api/use-resource';
import { bookSlotPath, consultantSlotsPath } from '../bookings/booking-status';
import { ConsultantAboutCard, ConsultantHeading } from '../components/directory/ConsultantAbout';
import { LoadFailure } from '../components/LoadFailure';
import { SlotPicker } from '../components/SlotPicker';
import { weekToShow, type WeekRange } from '../format/calendar-week';
import { useFlashMessage } from '../router/flash';
import { Link } from '../router/Link';
import { navigate, useSearchParams } from '../router/router';
import { useSession } from '../session/session-context';
import { useViewerTimeZone } from '../session/use-viewer-time-zone';

function BackToDirectory() {
  return (
    <p className="back-link">
      <Link to="/consultants">← All vets</Link>
    </p>
  );
}

/** A consultant's public profile and their free times; choosing one leads to booking it (after signing in). */
export function ConsultantPage({ consultantId }: { consultantId: string }) {
  const load = useCallback((signal: AbortSignal) => fetchConsultant(consultantId, signal), [consultantId]);
  const consultant = useResource(load);
  const flash = useFlashMessage();

  if (consultant.resource.status === 'loading') {
    return (
      <section className="page narrow">
        <BackToDirectory />
        <p role="status">Loading the vet’s profile…</p>
      </section>
    );
  }
  if (consultant.resource.status === 'failed') {
    const missing = consultant.resource.error.code === ErrorCode.NotFound || consultant.resource.error.code === ErrorCode.ValidationFailed;
    return (
      <section className="page narrow" aria-labelledby="consultant-title">
        <BackToDirectory />
        <h1 id="consultant-title">{missing ? 'Vet not found' : 'Vet'}</h1>
        {missing ? <p>There is no vet taking bookings at this address.</p> : <LoadFailure error={consultant.resource.error} onRetry={consultant.reload} />}
      </section>
    );
  }
  return <ConsultantProfile consultant={consultant.resource.data} flash={flash} />;
}

function ConsultantProfile({ consultant, flash }: { consultant: ConsultantPublicView; flash: string | null }) {
  const search = useSearchParams();
  const timeZone = useViewerTimeZone();
  const { session } = useSession();
  const now = Date.now();
  // Until the clinic can take card payments, only free consultations can be booked.
  const bookable = consultant.takesPaidBookings
    ? consultant.offerings
    : consultant.offerings.filter((offering) => offering.priceAmount === 0);
  const offered = bookable.map((offering) => offering.durationMinutes).sort((a, b) => a - b);
  const asked = Number(search.get('minutes'));
  const minutes = offered.includes(asked) ? asked : offered[0];
  const week = weekToShow(search.get('week'), timeZone, now);
  const firstWeek = weekToShow(null, timeZone, now).from;

  const show = (nextMinutes: number, nextWeek: WeekRange) => navigate(consultantSlotsPath(consultant.id, nextMinutes, nextWeek.from), { replace: true });
  const choose = (slot: ConsultantSlotView, length: number) => navigate(bookSlotPath(consultant.id, slot.startsAt, length));

  return (
    <section className="page narrow" aria-labelledby="consultant-title">
      <BackToDirectory />
      <ConsultantHeading consultant={consultant} titleId="consultant-title" />

      {/* The only message left for this page: the time chosen was lost (booking-form isSlotLost). */}
      <div role="status" className="status-region">
        {flash && <p className="notice notice-warn">{flash}</p>}
      </div>

      <ConsultantAboutCard consultant={consultant} />

      <section className="card section-card" aria-labelledby="slots-title">
        <h2 id="slots-title">Book a time</h2>
        {!consultant.takesPaidBookings && (
          <p className="notice notice-warn" data-testid="clinic-payments-not-ready">
            {consultant.clinic.name} cannot take card payments yet, so paid consultations with {consultant.displayName}
            cannot be booked for now. Please come back later or choose another vet.
          </p>
        )}
        {!session && minutes !== undefined && (
          <p className="muted">Choose a time; you sign in or create an account before booking it.</p>
        )}
        {minutes === undefined ? (
          consultant.takesPaidBookings && <p>{consultant.displayName} offers no consultations to book yet.</p>
        ) : (
          <SlotPicker
            consultantId={consultant.id}
            consultantName={consultant.displayName}
            consultantTimeZone={consultant.timeZone}
            offerings={bookable}
            minutes={minutes}
            week={week}
            firstWeek={firstWeek}
            timeZone={timeZone}
            onMinutesChange={(next) => show(next, week)}
            onWeekChange={(next) => show(minutes, next)}
            onChoose={choose}
            actionLabel="Book"
          />
        )}
      </section>
    </section>
  );
}
