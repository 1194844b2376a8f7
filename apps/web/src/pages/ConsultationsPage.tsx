import type { ConsultationView } from '@vetmeet/contracts/client';
import { listConsultations } from '../api/consultations';
import { useResource } from '../api/use-resource';
import { clinicsOf } from '../clinics/memberships';
import { ConsultationList } from '../components/ConsultationList';
import { LoadFailure } from '../components/LoadFailure';
import { StatusMessage } from '../components/StatusMessage';
import { isFinished, newConsultationPath } from '../consultations/consultation-status';
import { useFlashMessage } from '../router/flash';
import { Link } from '../router/Link';
import { useSession } from '../session/session-context';

const byStart = (a: ConsultationView, b: ConsultationView) => Date.parse(a.startsAt) - Date.parse(b.startsAt);

/** Coming up first, soonest at the top; then the finished ones, latest at the top. */
function split(consultations: ConsultationView[]): { current: ConsultationView[]; past: ConsultationView[] } {
  const current = consultations.filter((c) => !isFinished(c.status)).sort(byStart);
  const past = consultations.filter((c) => isFinished(c.status)).sort((a, b) => byStart(b, a));
  return { current, past };
}

export function ConsultationsPage() {
  const consultations = useResource(listConsultations);
  const flash = useFlashMessage();
  const { session } = useSession();
  const timeZone = session?.account.timeZone ?? 'UTC';
  const consultantClinics = clinicsOf(session?.memberships ?? []).filter((clinic) => clinic.roles.includes('consultant'));

  return (
    <section className="page narrow" aria-labelledby="consultations-title">
      <div className="page-heading">
        <h1 id="consultations-title">Consultations</h1>
        {consultantClinics.length > 0 && (
          <div className="heading-actions">
            {consultantClinics.map((clinic) => (
              <Link key={clinic.clinicId} to={newConsultationPath(clinic.clinicId)} className="button button-primary">
                New on-demand consultation
                {consultantClinics.length > 1 && <span> ({clinic.name})</span>}
              </Link>
            ))}
          </div>
        )}
      </div>
      <p className="lede">Video consultations you take part in, as a pet owner or as a vet. Times are in your time zone, {timeZone}.</p>

      <StatusMessage message={flash} />

      {consultations.resource.status === 'loading' && <p role="status">Loading your consultations…</p>}
      {consultations.resource.status === 'failed' && <LoadFailure error={consultations.resource.error} onRetry={consultations.reload} />}
      {consultations.resource.status === 'loaded' &&
        (consultations.resource.data.length === 0 ? (
          <div className="card empty-state">
            <p>You have no consultations yet.</p>
            <p className="muted">When a vet opens a consultation for one of your pets, it appears here with a button to join its video room.</p>
          </div>
        ) : (
          <ConsultationSections {...split(consultations.resource.data)} timeZone={timeZone} />
        ))}
    </section>
  );
}

function ConsultationSections({ current, past, timeZone }: { current: ConsultationView[]; past: ConsultationView[]; timeZone: string }) {
  return (
    <>
      <section aria-labelledby="current-consultations-title">
        <h2 id="current-consultations-title">Coming up</h2>
        {current.length > 0 ? <ConsultationList consultations={current} timeZone={timeZone} testId="current-consultations" /> : <p className="muted">Nothing scheduled.</p>}
      </section>
      {past.length > 0 && (
        <section aria-labelledby="past-consultations-title">
          <h2 id="past-consultations-title">Past</h2>
          <ConsultationList consultations={past} timeZone={timeZone} testId="past-consultations" />
        </section>
      )}
    </>
  );
}
