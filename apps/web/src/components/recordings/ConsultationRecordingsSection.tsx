import { useCallback } from 'react';
import type { RecordingView } from '@vetmeet/contracts/client';
import { fetchConsultationRecordings, recordingPagePath } from '../../api/recordings';
import { useResource } from '../../api/use-resource';
import { formatDateTime } from '../../format/dates';
import { formatBytes, recordingStatusLabels } from '../../recordings/recording-labels';
import { Link } from '../../router/Link';
import { LoadFailure } from '../LoadFailure';

interface ConsultationRecordingsSectionProps {
  consultationId: string;
  timeZone: string;
}

/** The consultation's recordings, for its two participants, each with a link to its player. */
export function ConsultationRecordingsSection({ consultationId, timeZone }: ConsultationRecordingsSectionProps) {
  const load = useCallback(
    (signal: AbortSignal) => fetchConsultationRecordings(consultationId, signal),
    [consultationId],
  );
  const recordings = useResource(load);
  const { resource } = recordings;
  return (
    <section className="card section-card" aria-labelledby="recordings-title" data-testid="consultation-recordings">
      <h2 id="recordings-title">Recordings</h2>
      {resource.status === 'loading' && <p role="status">Loading the recordings…</p>}
      {resource.status === 'failed' && <LoadFailure error={resource.error} onRetry={recordings.reload} />}
      {resource.status === 'loaded' && resource.data.length === 0 && (
        <p className="muted">This consultation was not recorded.</p>
      )}
      {resource.status === 'loaded' && resource.data.length > 0 && (
        <ul className="plain-list">
          {resource.data.map((recording) => (
            <RecordingItem key={recording.id} recording={recording} timeZone={timeZone} />
          ))}
        </ul>
      )}
    </section>
  );
}

function RecordingItem({ recording, timeZone }: { recording: RecordingView; timeZone: string }) {
  const facts = [
    recordingStatusLabels[recording.status],
    formatBytes(recording.sizeBytes),
    `kept until ${formatDateTime(recording.retentionUntil, timeZone)}`,
  ];
  return (
    <li>
      <Link to={recordingPagePath(recording.id)}>
        Watch the recording of {formatDateTime(recording.startedAt, timeZone)}
      </Link>{' '}
      <span className="muted">({facts.join(', ')})</span>
    </li>
  );
}
