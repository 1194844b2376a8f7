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

/** Which page to load: after `cursor` (none: the first), and `limit` items when not the server's default. */
export interface PageRequest {
  cursor?: string;
  limit?: number;
}

export type PageLoader<T> = (page: PageRequest, signal: AbortSignal) => Promise<Page<T>>;

/** The server's page sizes for a list: a reload asks for as many as were on screen, between the two. */
export interface PageLimits {
  defaultLimit: number;
  maxLimit: number;
}

/** The `limit` a reload asks for: none (the default) for a short list, more for a longer one, never past the maximum. */
export function reloadLimit(onScreen: number | undefined, limits: PageLimits | undefined): number | undefined {
  return limits && onScreen !== undefined && onScreen > limits.defaultLimit ? Math.min(onScreen, limits.maxLimit) : undefined;
}

/**
 * A list the API hands out a page at a time (`{ items, nextCursor }`). A new `loadPage` (wrap
 * it in useCallback with its inputs) starts again from the first page; `limits` (a constant)
 * let a reload bring back as many items as were on screen. Answers to requests given up on
 * (inputs changed, page left) are dropped.
 */
export function usePagedList<T>(loadPage: PageLoader<T>, limits?: PageLimits): PagedListControls<T> {
  const [state, setState] = useState<PagedList<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const moreController = useRef<AbortController | null>(null);
  // How many items a reload should bring back: as many as were on screen.
  const onScreenAtReload = useRef<number | undefined>(undefined);

  useEffect(() => {
    const controller = new AbortController();
    const limit = reloadLimit(onScreenAtReload.current, limits);
    onScreenAtReload.current = undefined;
    loadPage({ limit }, controller.signal).then(
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
  }, [loadPage, limits, attempt]);

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
    loadPage({ cursor }, controller.signal).then(
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
    onScreenAtReload.current = state.status === 'loaded' ? state.items.length : undefined;
    setAttempt((n) => n + 1);
  }, [state]);
  return { state, loadMore, reload };
}
