import { useCallback, useState } from 'react';
import { ErrorCode, type AttachmentView } from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import { attachmentContentUrl, deleteAttachment, listAttachments } from '../api/attachments';
import { describeApiError } from '../api/error-messages';
import { useResource } from '../api/use-resource';
import { formatBytes, hasThumbnail, kindLabels, opensInBrowser, typeName } from '../attachments/attachment-kinds';
import { formatDateTime } from '../format/dates';
import { AttachmentUploadForm } from './AttachmentUploadForm';
import { ConfirmDialog } from './ConfirmDialog';
import { LoadFailure } from './LoadFailure';
import { StatusMessage } from './StatusMessage';

interface AttachmentsSectionProps {
  petId: string;
  petName: string;
  timeZone?: string;
}

/** Photos, videos, lab results and diagnostic images kept with a pet's record, stored encrypted. */
export function AttachmentsSection({ petId, petName, timeZone }: AttachmentsSectionProps) {
  const load = useCallback((signal: AbortSignal) => listAttachments(petId, signal), [petId]);
  const attachments = useResource(load);
  const [status, setStatus] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<AttachmentView | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);

  function uploaded(attachment: AttachmentView): void {
    setStatus(`${attachment.fileName} was added to ${petName}'s record.`);
    attachments.reload();
  }

  async function confirmDelete(): Promise<void> {
    if (!deleting) return;
    setDeleteBusy(true);
    setDeleteError(null);
    try {
      await deleteAttachment(petId, deleting.id);
      setStatus(`${deleting.fileName} was deleted.`);
      setDeleting(null);
    } catch (error) {
      if (error instanceof ApiError && error.code === ErrorCode.NotFound) {
        setStatus(`${deleting.fileName} was already deleted.`);
        setDeleting(null);
      } else {
        setDeleteError(error instanceof ApiError ? describeApiError(error) : 'The file could not be deleted. Try again.');
      }
    } finally {
      setDeleteBusy(false);
      attachments.reload();
    }
  }

  return (
    <section className="card section-card" aria-labelledby="attachments-title" data-testid="attachments">
      <h2 id="attachments-title">Attachments</h2>
      <p className="muted">Photos, videos, lab results and diagnostic images for {petName}'s vets. Files are stored encrypted.</p>

      <AttachmentUploadForm petId={petId} petName={petName} onUploadStart={() => setStatus(null)} onUploaded={uploaded} />
      <StatusMessage message={status} />

      {attachments.resource.status === 'loading' && <p role="status">Loading the attachments…</p>}
      {attachments.resource.status === 'failed' && <LoadFailure error={attachments.resource.error} onRetry={attachments.reload} />}
      {attachments.resource.status === 'loaded' &&
        (attachments.resource.data.length === 0 ? (
          <p className="muted">No files yet.</p>
        ) : (
          <ul className="attachment-list" data-testid="attachment-list">
            {attachments.resource.data.map((attachment) => {
              const url = attachmentContentUrl(petId, attachment.id);
              return (
                <li key={attachment.id} className="attachment-item">
                  {hasThumbnail(attachment.contentType) ? (
                    <img className="attachment-thumbnail" src={url} alt={`${kindLabels[attachment.kind]}: ${attachment.fileName}`} loading="lazy" />
                  ) : (
                    <span className="attachment-thumbnail attachment-type" aria-hidden="true">
                      {typeName(attachment.contentType).split(' ')[0]}
                    </span>
                  )}
                  <div className="attachment-facts">
                    <p className="attachment-name break-anywhere">{attachment.fileName}</p>
                    <p className="muted small">
                      {kindLabels[attachment.kind]} · {typeName(attachment.contentType)} · {formatBytes(attachment.sizeBytes)} · added{' '}
                      <time dateTime={attachment.createdAt}>{formatDateTime(attachment.createdAt, timeZone)}</time>
                    </p>
                  </div>
                  <div className="button-row attachment-actions">
                    {opensInBrowser(attachment.contentType) && (
                      <a className="button button-quiet" href={url} target="_blank" rel="noopener noreferrer">
                        Open<span className="visually-hidden"> {attachment.fileName} (new tab)</span>
                      </a>
                    )}
                    <a className="button button-quiet" href={url} download={attachment.fileName}>
                      Download<span className="visually-hidden"> {attachment.fileName}</span>
                    </a>
                    <button
                      type="button"
                      className="button button-danger-outline"
                      onClick={() => {
                        setDeleteError(null);
                        setDeleting(attachment);
                      }}
                    >
                      Delete<span className="visually-hidden"> {attachment.fileName}</span>
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        ))}

      <ConfirmDialog
        open={deleting !== null}
        title="Delete this file?"
        confirmLabel="Delete file"
        busyLabel="Deleting…"
        cancelLabel="Keep it"
        busy={deleteBusy}
        error={deleteError}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      >
        <p>
          <strong className="break-anywhere">{deleting?.fileName}</strong> is deleted from {petName}'s record for good. This cannot be undone.
        </p>
      </ConfirmDialog>
    </section>
  );
}
