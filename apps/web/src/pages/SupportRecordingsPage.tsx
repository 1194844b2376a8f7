import { useCallback, useState } from 'react';
import { fetchReviewableRecordings, recordingPagePath } from '../api/recordings';
import { useResource } from '../api/use-resource';
import { LoadFailure } from '../components/LoadFailure';
import { OpenReviewForm } from '../components/recordings/OpenReviewForm';
import { clinicsOf, type StaffClinic } from '../clinics/memberships';
import { formatDateTime } from '../format/dates';
import { formatBytes, recordingStatusLabels } from '../recordings/recording-labels';
import { Link } from '../router/Link';
import { navigate } from '../router/router';
import { useSession } from '../session/session-context';

/**
 * Support staff: per clinic they support, the recordings whose owner consented to support
 * review, and nothing else of the clinic. A recording opens only through a review with a reason.
 */
export function SupportRecordingsPage() {
  const { session } = useSession();
  const clinics = clinicsOf(session?.memberships ?? []).filter((clinic) => clinic.roles.includes('support'));
  const timeZone = session?.account.timeZone ?? 'UTC';
  return (
    <section className="page" aria-labelledby="support-recordings-title">
      <p className="eyebrow">Support</p>
      <h1 id="support-recordings-title">Recordings to review</h1>
      <p className="lede">
        Only recordings whose owner consented to review by support are listed. Opening one asks for your reason and
        lasts a limited time; the owner can withdraw their consent at any moment, which ends your review at once.
      </p>
      {clinics.length === 0 ? (
        <p>You are not support staff of any clinic.</p>
      ) : (
        clinics.map((clinic) => <ClinicReviews key={clinic.clinicId} clinic={clinic} timeZone={timeZone} />)
      )}
    </section>
  );
}

function ClinicReviews({ clinic, timeZone }: { clinic: StaffClinic; timeZone: string }) {
  const load = useCallback(
    (signal: AbortSignal) => fetchReviewableRecordings(clinic.clinicId, signal),
    [clinic.clinicId],
  );
  const reviewable = useResource(load);
  const [opening, setOpening] = useState<string | null>(null);
  const headingId = `support-clinic-${clinic.clinicId}`;
  return (
    <section className="card section-card" aria-labelledby={headingId} data-testid="support-recordings">
      <h2 id={headingId}>{clinic.name}</h2>
      {reviewable.resource.status === 'loading' && <p role="status">Loading…</p>}
      {reviewable.resource.status === 'failed' && (
        <LoadFailure error={reviewable.resource.error} onRetry={reviewable.reload} />
      )}
      {reviewable.resource.status === 'loaded' &&
        (reviewable.resource.data.length === 0 ? (
          <p className="muted">No recording here may be reviewed.</p>
        ) : (
          <ul className="plain-list">
            {reviewable.resource.data.map((recording) => {
              const title = `Consultation of ${formatDateTime(recording.consultationStartsAt, timeZone)}`;
              return (
                <li key={recording.id} data-testid="reviewable-recording">
                  <h3 className="reviewable-title">{title}</h3>
                  <p className="muted">
                    {recordingStatusLabels[recording.status]} · {formatBytes(recording.sizeBytes)} · recorded{' '}
                    {formatDateTime(recording.startedAt, timeZone)}
                  </p>
                  {recording.grantExpiresAt ? (
                    <p>
                      Your review is open until {formatDateTime(recording.grantExpiresAt, timeZone)}.{' '}
                      <Link to={recordingPagePath(recording.id, clinic.clinicId)}>Watch: {title}</Link>
                    </p>
                  ) : opening === recording.id ? (
                    <OpenReviewForm
                      recordingId={recording.id}
                      clinicId={clinic.clinicId}
                      onOpened={() => navigate(recordingPagePath(recording.id, clinic.clinicId))}
                    />
                  ) : (
                    <button
                      type="button"
                      className="button"
                      onClick={() => setOpening(recording.id)}
                      aria-label={`Open a review: ${title}`}
                    >
                      Open a review
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        ))}
    </section>
  );
}
