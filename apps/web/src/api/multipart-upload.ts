import { networkError, toApiError } from './api-error';
import { currentCsrfToken, reportSessionError } from './client';

export interface UploadOptions {
  /** Bytes sent so far of the whole request. */
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
  /** PUT for a resource the upload replaces (a profile photo); POST otherwise. */
  method?: 'POST' | 'PUT';
  /** Acts in this clinic (X-Clinic-Id), as the API client's option of the same name. */
  clinicId?: string;
}

const cancelled = () => new DOMException('The upload was cancelled.', 'AbortError');

/**
 * POSTs a multipart/form-data body to the API and answers with the JSON the API sends back.
 * XMLHttpRequest rather than the API client's fetch: only it reports upload progress. Errors
 * become ApiErrors as in the API client, and a refused session is reported the same way.
 */
export function postMultipart<T>(path: string, form: FormData, { onProgress, signal, method = 'POST', clinicId }: UploadOptions = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(method, `/api${path}`);
    request.withCredentials = true;
    request.setRequestHeader('accept', 'application/json');
    if (clinicId) request.setRequestHeader('x-clinic-id', clinicId);
    const csrfToken = currentCsrfToken();
    if (csrfToken) request.setRequestHeader('x-csrf-token', csrfToken);
    request.responseType = 'json';

    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.(event.loaded, event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) {
        resolve(request.response as T);
        return;
      }
      const error = toApiError(request.status, request.response);
      reportSessionError(error.code);
      reject(error);
    };
    // The server may close the connection mid-upload (a body over any limit): no answer to read.
    request.onerror = () => reject(networkError(new Error('upload failed')));
    request.onabort = () => reject(cancelled());

    if (signal?.aborted) {
      reject(cancelled());
      return;
    }
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(form);
  });
}
