import { useCallback, useEffect, useState } from 'react';
import { ApiError, networkError } from './api-error';

export type Resource<T> = { status: 'loading' } | { status: 'loaded'; data: T } | { status: 'failed'; error: ApiError };

export interface ResourceControls<T> {
  resource: Resource<T>;
  /** Fetches again; the current data stays on screen until the answer arrives. */
  reload(): void;
  /** Replaces the data with what a write returned, without asking the server again. */
  replace(data: T): void;
}

/**
 * Loads something from the API for a page, aborting when the page goes away or `load`
 * changes (wrap it in useCallback with its inputs).
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>): ResourceControls<T> {
  const [resource, setResource] = useState<Resource<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => {
        // An answer to a request this effect already gave up on (inputs changed, page left) must not
        // overwrite the newer one; an aborted body read even resolves without data.
        if (controller.signal.aborted) return;
        setResource({ status: 'loaded', data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setResource({ status: 'failed', error: error instanceof ApiError ? error : networkError(error) });
      },
    );
    return () => controller.abort();
  }, [load, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const replace = useCallback((data: T) => setResource({ status: 'loaded', data }), []);
  return { resource, reload, replace };
}
