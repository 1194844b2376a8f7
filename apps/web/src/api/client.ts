import { ErrorCode } from '@vetmeet/contracts/client';
import { networkError, toApiError } from './api-error';

/*
 * The one way the web client talks to the API: JSON in and out, the session cookie sent
 * (same origin only), the session's CSRF token on every write, and every error answer
 * turned into an ApiError with the server's code.
 */

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

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

/**
 * Called when a request finds the session not as the page believed: ended elsewhere
 * (expired, signed out from another device), waiting for its second factor, or replaced
 * so its CSRF token no longer matches.
 */
export function onSessionError(listener: (code: SessionErrorCode) => void): () => void {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
}

async function request<T>(method: Method, path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
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

  if (response.status === 204) return undefined as T;
  const answer: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = toApiError(response.status, answer);
    if (isSessionErrorCode(error.code)) sessionListeners.forEach((listener) => listener(error.code as SessionErrorCode));
    throw error;
  }
  // The API's answers are the contracts' types; the server validates what it sends.
  return answer as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  delete: (path: string, options?: RequestOptions) => request<void>('DELETE', path, undefined, options),
};
