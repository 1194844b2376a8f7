import { useCallback } from 'react';
import type { ConsultantSummaryView } from '@vetmeet/contracts/client';
import { listConsultants } from '../api/consultants';
import { usePagedList, type PagedListControls, type PageRequest } from '../api/use-paged-list';
import { directoryQuery, filtersFromSearch } from './directory-filters';

/**
 * The directory for a set of filters, a page at a time: new filters start again from the
 * first page; `loadMore` appends the next one. `search` is the filters' canonical query
 * string (searchFromFilters), so equal filters are one search.
 */
export function useDirectory(search: string, timeZone: string): PagedListControls<ConsultantSummaryView> {
  const loadPage = useCallback(
    ({ cursor }: PageRequest, signal: AbortSignal) => listConsultants(directoryQuery(filtersFromSearch(new URLSearchParams(search)), timeZone, cursor ?? null), signal),
    [search, timeZone],
  );
  return usePagedList(loadPage);
}
