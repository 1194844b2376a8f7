import { useCallback } from 'react';
import { fetchConsultationRecordings, recordingPagePath } from '../../api/recordings';
import { useResource } from '../../api/use-resource';
import { formatDateTime } from '../../format/dates';
import { formatBytes, recordingStatusLabels } from '../../recordings/recording-labels';
import { Link } from '../../router/Link';
import { LoadFailure } from '../LoadFailure';

/** The consultation's recordings, for its two participants, each with a link to its player. */
export function ConsultationRecordingsSection({ consultationId, timeZone }: { consultationId: string; timeZone: string }) {
  const load = useCallback((signal: AbortSignal) => fetchConsultationRecordings(consultationId, signal), [consultationId]);
  const recordings = useResource(load);
  return (
    <section className="card section-card" aria-labelledby="consultation-recordings-title" data-testid="consultation-recordings">
      <h2 id="consultation-recordings-title">Recordings</h2>
      {recordings.resource.status === 'loading' && <p role="status">Loading the recordings…</p>}
      {recordings.resource.status === 'failed' && <LoadFailure error={recordings.resource.error} onRetry={recordings.reload} />}
      {recordings.resource.status === 'loaded' &&
        (recordings.resource.data.length === 0 ? (
          <p className="muted">This consultation was not recorded.</p>
        ) : (
          <ul className="plain-list">
            {recordings.resource.data.map((recording) => (
              <li key={recording.id}>
                <Link to={recordingPagePath(recording.id)}>Watch the recording of {formatDateTime(recording.startedAt, timeZone)}</Link>{' '}
                <span className="muted">
                  ({recordingStatusLabels[recording.status]}, {formatBytes(recording.sizeBytes)}, kept until {formatDateTime(recording.retentionUntil, timeZone)})
                </span>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
