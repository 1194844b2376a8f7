import { useCallback, useState } from 'react';
import type { ClinicApplicationView, SuspensionProgressView } from '@vetmeet/contracts/client';
import { countryName } from '../accounts/countries';
import { fetchOperatorClinic } from '../api/clinic-onboarding';
import { useResource } from '../api/use-resource';
import { ClinicStatusBadge } from '../components/ClinicStatusBadge';
import { LoadFailure } from '../components/LoadFailure';
import { OperatorClinicDecisions } from '../components/OperatorClinicDecisions';
import { StatusMessage } from '../components/StatusMessage';
import { formatDateTime } from '../format/dates';
import { decisionMessage } from '../onboarding/decision-message';
import { Link } from '../router/Link';

/** One clinic or application, as a platform operator reviews it: its details and the decisions its status allows. */
export function OperatorClinicPage({ clinicId }: { clinicId: string }) {
  const clinic = useResource(useCallback((signal: AbortSignal) => fetchOperatorClinic(clinicId, signal), [clinicId]));
  const [status, setStatus] = useState<string | null>(null);

  return (
    <section className="page narrow" aria-labelledby="operator-clinic-title">
      <p>
        <Link to="/operator">Back to the operator console</Link>
      </p>
      {clinic.resource.status === 'loading' && <p role="status">Loading the clinic…</p>}
      {clinic.resource.status === 'failed' && <LoadFailure error={clinic.resource.error} onRetry={clinic.reload} />}
      {clinic.resource.status === 'loaded' && (
        <>
          <div className="page-heading">
            <h1 id="operator-clinic-title">{clinic.resource.data.name}</h1>
            <ClinicStatusBadge status={clinic.resource.data.status} />
          </div>
          <StatusMessage message={status} />
          <ClinicFacts clinic={clinic.resource.data} />
          {clinic.resource.data.suspension && <SuspensionProgress progress={clinic.resource.data.suspension} />}
          <h2>Decide</h2>
          <OperatorClinicDecisions
            clinic={clinic.resource.data}
            onDecided={(decision) => {
              setStatus(decisionMessage(decision));
              clinic.reload();
            }}
          />
        </>
      )}
    </section>
  );
}

function ClinicFacts({ clinic }: { clinic: ClinicApplicationView }) {
  const contact = [clinic.contactName, clinic.contactEmail, clinic.contactPhone].filter(Boolean).join(' · ');
  return (
    <dl className="details">
      <Fact term="Legal entity" value={clinic.legalEntity} />
      <Fact term="Country" value={clinic.country && countryName(clinic.country)} />
      <Fact term="Time zone" value={clinic.timeZone} />
      <Fact term="Contact" value={contact} />
      <Fact term="Applied" value={formatDateTime(clinic.appliedAt)} />
      {clinic.statusReason && <Fact term="Reason" value={clinic.statusReason} />}
    </dl>
  );
}

function Fact({ term, value }: { term: string; value: string | null }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value || 'Not given'}</dd>
    </div>
  );
}

/** How far the suspension's background pass came; the operator reloads the page to follow it. */
function SuspensionProgress({ progress }: { progress: SuspensionProgressView }) {
  if (progress.bookingsToCancel === 0) {
    return <p className="notice notice-info">The clinic had no upcoming bookings to cancel.</p>;
  }
  const done = progress.bookingsCancelled >= progress.bookingsToCancel;
  return (
    <p className="notice notice-info" data-testid="suspension-progress">
      {progress.bookingsCancelled} of {progress.bookingsToCancel} bookings cancelled and refunded
      {done ? '.' : ' so far; the rest follow in the background.'}
    </p>
  );
}
