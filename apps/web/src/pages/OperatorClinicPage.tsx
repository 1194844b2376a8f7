import { useCallback, useState } from 'react';
import { countryName } from '../accounts/countries';
import { fetchOperatorClinic } from '../api/clinic-onboarding';
import { useResource } from '../api/use-resource';
import { LoadFailure } from '../components/LoadFailure';
import { OperatorClinicDecisions } from '../components/OperatorClinicDecisions';
import { StatusMessage } from '../components/StatusMessage';
import { formatDateTime } from '../format/dates';
import { CLINIC_STATUS_BADGES, CLINIC_STATUS_LABELS } from '../onboarding/clinic-application-form';
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
            <span className={CLINIC_STATUS_BADGES[clinic.resource.data.status]}>{CLINIC_STATUS_LABELS[clinic.resource.data.status]}</span>
          </div>
          <StatusMessage message={status} />
          <dl className="details">
            <Fact term="Legal entity" value={clinic.resource.data.legalEntity} />
            <Fact term="Country" value={clinic.resource.data.country && countryName(clinic.resource.data.country)} />
            <Fact term="Time zone" value={clinic.resource.data.timeZone} />
            <Fact term="Contact" value={[clinic.resource.data.contactName, clinic.resource.data.contactEmail, clinic.resource.data.contactPhone].filter(Boolean).join(' · ')} />
            <Fact term="Applied" value={formatDateTime(clinic.resource.data.appliedAt)} />
            {clinic.resource.data.statusReason && <Fact term="Reason" value={clinic.resource.data.statusReason} />}
          </dl>
          <h2>Decide</h2>
          <OperatorClinicDecisions
            clinic={clinic.resource.data}
            onDecided={(decision) => {
              const cancelled = decision.bookingsCancelled > 0 ? ` ${decision.bookingsCancelled} upcoming bookings were cancelled and refunded.` : '';
              const mailed = decision.applicantNotified === false ? ' The email to the applicant could not be sent.' : '';
              setStatus(`${decision.clinic.name} is now ${CLINIC_STATUS_LABELS[decision.clinic.status].toLowerCase()}.${cancelled}${mailed}`);
              clinic.reload();
            }}
          />
        </>
      )}
    </section>
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
