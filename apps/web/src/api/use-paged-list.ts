import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, networkError } from './api-error';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type PagedList<T> =
  | { status: 'loading' }
  | { status: 'failed'; error: ApiError }
  | { status: 'loaded'; items: T[]; nextCursor: string | null; loadingMore: boolean; moreError: ApiError | null };

export interface PagedListControls<T> {
  state: PagedList<T>;
  /** Appends the next page; a failure shows as moreError and keeps what is loaded. */
  loadMore(): void;
  /** Starts again from the first page, as long as what is on screen (up to the server's maximum); that stays until it arrives. */
  reload(): void;
}

const asApiError = (error: unknown) => (error instanceof ApiError ? error : networkError(error));

/** Loads the page after `cursor` (the first for null); a reload asks for `atLeast` items, the number on screen. */
export type PageLoader<T> = (cursor: string | null, signal: AbortSignal, atLeast?: number) => Promise<Page<T>>;

/** The `limit` to ask for: the list's default, or more for a reload of a longer list, never past the server's maximum. */
export function pageLimit(atLeast: number | undefined, defaultLimit: number, maxLimit: number): number | undefined {
  return atLeast !== undefined && atLeast > defaultLimit ? Math.min(atLeast, maxLimit) : undefined;
}

/**
 * A list the API hands out a page at a time (`{ items, nextCursor }`). A new `loadPage` (wrap
 * it in useCallback with its inputs) starts again from the first page; answers to requests
 * given up on (inputs changed, page left) are dropped.
 */
export function usePagedList<T>(loadPage: PageLoader<T>): PagedListControls<T> {
  const [state, setState] = useState<PagedList<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const moreController = useRef<AbortController | null>(null);
  // How many items a reload should bring back at least: as many as were on screen.
  const reloadSize = useRef<number | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    const atLeast = reloadSize.current;
    reloadSize.current = undefined;
    loadPage(null, controller.signal, atLeast).then(
      (page) => {
        if (controller.signal.aborted) return;
        // A "more" asked for while this first page was on its way continues the old list, not this one.
        moreController.current?.abort();
        setState({ status: 'loaded', items: page.items, nextCursor: page.nextCursor, loadingMore: false, moreError: null });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', error: asApiError(error) });
      },
    );
    return () => {
      controller.abort();
      moreController.current?.abort();
    };
  }, [loadPage, attempt]);

  // New inputs show as loading; a reload of the same ones keeps the list on screen.
  const [shownFor, setShownFor] = useState(() => loadPage);
  if (shownFor !== loadPage) {
    setShownFor(() => loadPage);
    setState({ status: 'loading' });
  }

  const loadMore = useCallback(() => {
    if (state.status !== 'loaded' || !state.nextCursor || state.loadingMore) return;
    const controller = new AbortController();
    moreController.current = controller;
    const cursor = state.nextCursor;
    setState({ ...state, loadingMore: true, moreError: null });
    loadPage(cursor, controller.signal).then(
      (page) => {
        if (controller.signal.aborted) return;
        setState((current) =>
          current.status === 'loaded' ? { status: 'loaded', items: [...current.items, ...page.items], nextCursor: page.nextCursor, loadingMore: false, moreError: null } : current,
        );
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((current) => (current.status === 'loaded' ? { ...current, loadingMore: false, moreError: asApiError(error) } : current));
      },
    );
  }, [state, loadPage]);

  const reload = useCallback(() => {
    reloadSize.current = state.status === 'loaded' ? state.items.length : undefined;
    setAttempt((n) => n + 1);
  }, [state]);
  return { state, loadMore, reload };
}
