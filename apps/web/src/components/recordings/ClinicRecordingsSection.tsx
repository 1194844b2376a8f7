import { useCallback } from 'react';
import { fetchClinicRecordings } from '../../api/recordings';
import { useResource } from '../../api/use-resource';
import { formatDateTime } from '../../format/dates';
import { formatBytes, recordingStatusLabels } from '../../recordings/recording-labels';
import { LoadFailure } from '../LoadFailure';

/** For clinic admins: the clinic's recordings, their size and retention date; never their media (no player here). */
export function ClinicRecordingsSection({ clinicId, timeZone }: { clinicId: string; timeZone: string }) {
  const load = useCallback((signal: AbortSignal) => fetchClinicRecordings(clinicId, signal), [clinicId]);
  const recordings = useResource(load);
  const { resource } = recordings;
  return (
    <section className="card section-card" aria-labelledby="clinic-recordings-title" data-testid="clinic-recordings">
      <h2 id="clinic-recordings-title">Recordings</h2>
      <p className="muted">
        Recordings of the clinic's consultations, kept encrypted. Only the consultation's participants watch them, and
        support staff where the owner consented to review.
      </p>
      {resource.status === 'loading' && <p role="status">Loading the recordings…</p>}
      {resource.status === 'failed' && <LoadFailure error={resource.error} onRetry={recordings.reload} />}
      {resource.status === 'loaded' && resource.data.length === 0 && <p className="muted">No recordings yet.</p>}
      {resource.status === 'loaded' && resource.data.length > 0 && (
        <table className="data-table">
          <caption className="visually-hidden">Recordings of the clinic</caption>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Status</th>
              <th scope="col">Size</th>
              <th scope="col">Kept until</th>
            </tr>
          </thead>
          <tbody>
            {resource.data.map((recording) => (
              <tr key={recording.id}>
                <td>{formatDateTime(recording.startedAt, timeZone)}</td>
                <td>{recordingStatusLabels[recording.status]}</td>
                <td>{formatBytes(recording.sizeBytes)}</td>
                <td>{formatDateTime(recording.retentionUntil, timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
