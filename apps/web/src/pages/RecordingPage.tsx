import { useCallback } from 'react';
import { ErrorCode } from '@vetmeet/contracts/client';
import { fetchRecording } from '../api/recordings';
import { useResource } from '../api/use-resource';
import { LoadFailure } from '../components/LoadFailure';
import { RecordingPlayer } from '../components/recordings/RecordingPlayer';
import { formatBytes, recordingStatusLabels } from '../recordings/recording-labels';
import { formatDateTime } from '../format/dates';
import { Link } from '../router/Link';
import { useSearchParams } from '../router/router';
import { useSession } from '../session/session-context';

/**
 * The player of one recording, for its participants, or for support staff under an active
 * review grant (they come from /support/recordings with ?clinic=, the clinic they act in).
 */
export function RecordingPage({ recordingId }: { recordingId: string }) {
  const clinicId = useSearchParams().get('clinic') ?? undefined;
  const load = useCallback(
    (signal: AbortSignal) => fetchRecording(recordingId, clinicId, signal),
    [recordingId, clinicId],
  );
  const recording = useResource(load);
  const { session } = useSession();
  const timeZone = session?.account.timeZone ?? 'UTC';
  const back = clinicId ? (
    <Link to="/support/recordings">← Recordings to review</Link>
  ) : recording.resource.status === 'loaded' ? (
    <Link to={`/consultations/${recording.resource.data.consultationId}`}>← The consultation</Link>
  ) : (
    <Link to="/consultations">← All consultations</Link>
  );

  if (recording.resource.status === 'loading') {
    return (
      <section className="page">
        <p className="back-link">{back}</p>
        <p role="status">Loading the recording…</p>
      </section>
    );
  }
  if (recording.resource.status === 'failed') {
    const { code } = recording.resource.error;
    const missing = code === ErrorCode.NotFound || code === ErrorCode.ValidationFailed;
    return (
      <section className="page narrow" aria-labelledby="recording-title">
        <p className="back-link">{back}</p>
        <h1 id="recording-title">{missing ? 'Recording not found' : 'Recording'}</h1>
        {missing ? (
          <p>
            There is no recording you may watch at this address
            {clinicId ? ': a review ends when it expires or when the owner withdraws their consent' : ''}.
          </p>
        ) : (
          <LoadFailure error={recording.resource.error} onRetry={recording.reload} />
        )}
      </section>
    );
  }

  const current = recording.resource.data;
  return (
    <section className="page" aria-labelledby="recording-title">
      <p className="back-link">{back}</p>
      <p className="eyebrow">Recording</p>
      <h1 id="recording-title">Recording of {formatDateTime(current.startedAt, timeZone)}</h1>
      <p className="lede">
        {recordingStatusLabels[current.status]} · {formatBytes(current.sizeBytes)} · kept until{' '}
        {formatDateTime(current.retentionUntil, timeZone)}
      </p>
      {clinicId && (
        <p className="muted">
          You are reviewing this recording under your review grant; every part you play is recorded in the audit log.
        </p>
      )}
      <RecordingPlayer recording={current} clinicId={clinicId} />
    </section>
  );
}
