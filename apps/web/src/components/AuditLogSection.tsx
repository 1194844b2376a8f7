import { useCallback, useState } from 'react';
import type { AuditEventPage } from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import { downloadAuditExport, fetchAuditEvents } from '../api/audit-log';
import { describeApiError } from '../api/error-messages';
import { useResource } from '../api/use-resource';
import { auditExportFileName } from '../clinics/audit-events';
import { saveFile } from '../files/save-file';
import { AuditEventTable } from './AuditEventTable';
import { LoadFailure } from './LoadFailure';
import { StatusMessage } from './StatusMessage';

const PAGE_SIZE = 25;

interface AuditLogSectionProps {
  clinicId: string;
  clinicName: string;
  timeZone: string;
  readerId: string;
}

const failureSentence = (error: unknown, fallback: string) => (error instanceof ApiError ? describeApiError(error) : fallback);

/**
 * A clinic admin's view of the clinic's audit log: the newest events, older ones a page at
 * a time, and the whole log as a download. Reading and exporting are audited themselves.
 */
export function AuditLogSection({ clinicId, clinicName, timeZone, readerId }: AuditLogSectionProps) {
  const loadNewest = useCallback((signal: AbortSignal) => fetchAuditEvents(clinicId, { limit: PAGE_SIZE }, signal), [clinicId]);
  const newest = useResource(loadNewest);
  // Older pages, appended below the newest one as the admin asks for them.
  const [older, setOlder] = useState<AuditEventPage | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const nextBefore = older ? older.nextBefore : newest.resource.status === 'loaded' ? newest.resource.data.nextBefore : null;

  function refresh(): void {
    setOlder(null);
    setOlderError(null);
    setStatus(null);
    newest.reload();
  }

  async function loadOlder(): Promise<void> {
    if (loadingOlder || !nextBefore) return;
    setLoadingOlder(true);
    setOlderError(null);
    try {
      const page = await fetchAuditEvents(clinicId, { before: nextBefore, limit: PAGE_SIZE });
      setOlder((previous) => ({ events: [...(previous?.events ?? []), ...page.events], nextBefore: page.nextBefore }));
      setStatus(`${page.events.length} older ${page.events.length === 1 ? 'event' : 'events'} added below.`);
    } catch (error) {
      setOlderError(failureSentence(error, 'The older events could not be loaded. Try again.'));
    } finally {
      setLoadingOlder(false);
    }
  }

  async function exportAll(): Promise<void> {
    if (exporting) return;
    setExporting(true);
    setExportError(null);
    setStatus(null);
    try {
      const { blob, fileName } = await downloadAuditExport(clinicId);
      const name = fileName ?? auditExportFileName(clinicId);
      saveFile(blob, name);
      setStatus(`The whole audit log was downloaded as ${name}.`);
    } catch (error) {
      setExportError(failureSentence(error, 'The export could not be downloaded. Try again.'));
    } finally {
      setExporting(false);
    }
  }

  const events = newest.resource.status === 'loaded' ? [...newest.resource.data.events, ...(older?.events ?? [])] : [];

  return (
    <section className="card section-card" aria-labelledby="audit-title" data-testid="audit-log">
      <div className="section-heading">
        <h2 id="audit-title">Audit log</h2>
        <div className="button-row">
          <button type="button" className="button button-quiet" onClick={refresh}>
            Show newest
          </button>
          <button type="button" className="button button-quiet" onClick={() => void exportAll()} aria-disabled={exporting || undefined}>
            {exporting && <span className="spinner" aria-hidden="true" />}
            {exporting ? 'Exporting…' : 'Export all (NDJSON)'}
          </button>
        </div>
      </div>
      <p className="muted">
        Every read, change and export of personal data in {clinicName}, and every refusal: who, what, when, from where and the outcome. Your
        reading is recorded too. The export has one JSON object a line, oldest first.
      </p>
      <StatusMessage message={status} />
      {exportError && (
        <p className="notice notice-error" role="alert">
          {exportError}
        </p>
      )}

      {newest.resource.status === 'loading' && <p role="status">Loading the audit log…</p>}
      {newest.resource.status === 'failed' && <LoadFailure error={newest.resource.error} onRetry={newest.reload} />}
      {newest.resource.status === 'loaded' &&
        (events.length === 0 ? (
          <p className="muted">Nothing has been recorded for this clinic yet.</p>
        ) : (
          <>
            <AuditEventTable
              events={events}
              timeZone={timeZone}
              readerId={readerId}
              captionId="audit-caption"
              caption={`Newest first. Times are in ${timeZone.replaceAll('_', ' ')}.`}
            />
            {olderError && (
              <p className="notice notice-error" role="alert">
                {olderError}
              </p>
            )}
            {nextBefore ? (
              <button type="button" className="button" onClick={() => void loadOlder()} aria-disabled={loadingOlder || undefined}>
                {loadingOlder && <span className="spinner" aria-hidden="true" />}
                {loadingOlder ? 'Loading…' : 'Older events'}
              </button>
            ) : (
              <p className="muted small">There are no older events.</p>
            )}
          </>
        ))}
    </section>
  );
}
