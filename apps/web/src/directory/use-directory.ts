import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConsultantSummaryView } from '@vetmeet/contracts/client';
import { ApiError, networkError } from '../api/api-error';
import { listConsultants } from '../api/consultants';
import { directoryQuery, filtersFromSearch } from './directory-filters';

export type DirectoryState =
  | { status: 'loading' }
  | { status: 'failed'; error: ApiError }
  | { status: 'loaded'; items: ConsultantSummaryView[]; nextCursor: string | null; loadingMore: boolean; moreError: ApiError | null };

const asApiError = (error: unknown) => (error instanceof ApiError ? error : networkError(error));

/**
 * The directory for a set of filters, a page at a time: new filters start again from the
 * first page; `loadMore` appends the next one. `search` is the filters' canonical query
 * string (searchFromFilters), so equal filters are one search.
 */
export function useDirectory(search: string, timeZone: string): { state: DirectoryState; loadMore(): void; reload(): void } {
  const [state, setState] = useState<DirectoryState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const moreController = useRef<AbortController | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    listConsultants(directoryQuery(filtersFromSearch(new URLSearchParams(search)), timeZone, null), controller.signal).then(
      (page) => setState({ status: 'loaded', items: page.items, nextCursor: page.nextCursor, loadingMore: false, moreError: null }),
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'failed', error: asApiError(error) });
      },
    );
    return () => {
      controller.abort();
      moreController.current?.abort();
    };
  }, [search, timeZone, attempt]);

  const loadMore = useCallback(() => {
    if (state.status !== 'loaded' || !state.nextCursor || state.loadingMore) return;
    const controller = new AbortController();
    moreController.current = controller;
    const cursor = state.nextCursor;
    setState({ ...state, loadingMore: true, moreError: null });
    listConsultants(directoryQuery(filtersFromSearch(new URLSearchParams(search)), timeZone, cursor), controller.signal).then(
      (page) =>
        setState((current) =>
          current.status === 'loaded' ? { status: 'loaded', items: [...current.items, ...page.items], nextCursor: page.nextCursor, loadingMore: false, moreError: null } : current,
        ),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((current) => (current.status === 'loaded' ? { ...current, loadingMore: false, moreError: asApiError(error) } : current));
      },
    );
  }, [state, search, timeZone]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, loadMore, reload };
}
