import { ErrorCode } from '@vetmeet/contracts/client';
import { networkError, toApiError } from './api-error';

/*
 * The one way the web client talks to the API: JSON in and out (or a file, for exports),
 * the session cookie sent (same origin only), the session's CSRF token on every write, and
 * every error answer turned into an ApiError with the server's code.
 */

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  signal?: AbortSignal;
  /** Acts in this clinic (X-Clinic-Id); staff pages pass it, owner pages never do. */
  clinicId?: string;
}

let csrfToken: string | null = null;
const sessionListeners = new Set<(code: SessionErrorCode) => void>();

/** Answers that mean the page's idea of its session is out of date. */
const SESSION_ERROR_CODES = [ErrorCode.Unauthenticated, ErrorCode.SecondFactorRequired, ErrorCode.CsrfTokenInvalid] as const;
export type SessionErrorCode = (typeof SESSION_ERROR_CODES)[number];
const isSessionErrorCode = (code: ErrorCode): code is SessionErrorCode => (SESSION_ERROR_CODES as readonly ErrorCode[]).includes(code);

/** Set by the session provider whenever the session changes; null when signed out. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The session's CSRF token, for the one request not sent through this client (uploads, which need XMLHttpRequest's progress). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

/** Tells the session listeners, as a failed request through this client would. */
export function reportSessionError(code: ErrorCode): void {
  if (isSessionErrorCode(code)) sessionListeners.forEach((listener) => listener(code));
}

/**
 * Called when a request finds the session not as the page believed: ended elsewhere
 * (expired, signed out from another device), waiting for its second factor, or replaced
 * so its CSRF token no longer matches.
 */
export function onSessionError(listener: (code: SessionErrorCode) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

/** Sends one request; answers with the response when it is a success, throws an ApiError otherwise. */
async function send(method: Method, path: string, body: unknown, options: RequestOptions & { accept?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.clinicId) headers['x-clinic-id'] = options.clinicId;

  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw networkError(error);
  }

  if (!response.ok) {
    const answer: unknown = await response.json().catch(() => undefined);
    const error = toApiError(response.status, answer);
    reportSessionError(error.code);
    throw error;
  }
  return response;
}

async function request<T>(method: Method, path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, body, options);
  if (response.status === 204) return undefined as T;
  // The API's answers are the contracts' types; the server validates what it sends.
  return (await response.json().catch((error: unknown) => {
    // Abandoned mid-body: the caller gave up on this answer, it is not an empty one.
    if (options.signal?.aborted) throw error;
    return undefined;
  })) as T;
}

/** A file the API sent to be saved, with the name it suggested. */
export interface Download {
  blob: Blob;
  fileName: string | null;
}

/** The file name in `Content-Disposition: attachment; filename="…"`, if it is a plain one. */
function suggestedFileName(response: Response): string | null {
  const match = /filename="([^"/\\]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return match ? match[1] : null;
}

async function download(path: string, options: RequestOptions & { accept?: string } = {}): Promise<Download> {
  const response = await send('GET', path, undefined, options);
  try {
    return { blob: await response.blob(), fileName: suggestedFileName(response) };
  } catch (error) {
    // The answer started but broke off: the file would be incomplete.
    if (options.signal?.aborted) throw error;
    throw networkError(error);
  }
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  delete: (path: string, options?: RequestOptions) => request<void>('DELETE', path, undefined, options),
  /** A DELETE whose answer is the changed resource. */
  deleteReturning: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
  /** A file rather than JSON (exports); `accept` names the type asked for. */
  download: (path: string, options?: RequestOptions & { accept?: string }) => download(path, options),
};
