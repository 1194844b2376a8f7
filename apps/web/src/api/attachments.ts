import type { AttachmentKindValue, AttachmentView } from '@vetmeet/contracts/client';
import { networkError, toApiError } from './api-error';
import { api, currentCsrfToken, reportSessionError } from './client';

const attachmentsPath = (petId: string) => `/pets/${encodeURIComponent(petId)}/attachments`;

export const listAttachments = (petId: string, signal?: AbortSignal) => api.get<AttachmentView[]>(attachmentsPath(petId), { signal });

export const deleteAttachment = (petId: string, attachmentId: string) => api.delete(`${attachmentsPath(petId)}/${encodeURIComponent(attachmentId)}`);

/** The decrypted file, for <img src>, a link to open it, or a download: same origin, so the session cookie goes along. */
export const attachmentContentUrl = (petId: string, attachmentId: string) => `/api${attachmentsPath(petId)}/${encodeURIComponent(attachmentId)}/content`;

export interface UploadOptions {
  /** Bytes sent so far of the whole request. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Sends one file as multipart/form-data, `kind` before `file` (the server picks the size
 * limit and allowed types from it before the file streams in). XMLHttpRequest rather than
 * the API client's fetch: only it reports upload progress.
 */
export function uploadAttachment(petId: string, kind: AttachmentKindValue, file: File, { onProgress, signal }: UploadOptions = {}): Promise<AttachmentView> {
  return new Promise<AttachmentView>((resolve, reject) => {
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file, file.name);

    const request = new XMLHttpRequest();
    request.open('POST', `/api${attachmentsPath(petId)}`);
    request.withCredentials = true;
    request.setRequestHeader('accept', 'application/json');
    const csrfToken = currentCsrfToken();
    if (csrfToken) request.setRequestHeader('x-csrf-token', csrfToken);
    request.responseType = 'json';

    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded, event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        resolve(request.response as AttachmentView);
        return;
      }
      const error = toApiError(request.status, request.response);
      reportSessionError(error.code);
      reject(error);
    };
    // The server may close the connection mid-upload (a body over any limit): no answer to read.
    request.onerror = () => reject(networkError(new Error('upload failed')));
    request.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));

    if (signal?.aborted) {
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
      return;
    }
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(form);
  });
}
