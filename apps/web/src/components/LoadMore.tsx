import { describeApiError } from '../api/error-messages';
import type { PagedList } from '../api/use-paged-list';

interface LoadMoreProps {
  list: Extract<PagedList<unknown>, { status: 'loaded' }>;
  onLoadMore(): void;
  /** What the button says, e.g. "Show more vets". */
  label: string;
}

/** Under a paged list: why the last "more" failed, and the button for the next page while there is one. */
export function LoadMore({ list, onLoadMore, label }: LoadMoreProps) {
  return (
    <>
      {list.moreError && (
        <p className="notice notice-error" role="alert">
          {describeApiError(list.moreError)}
        </p>
      )}
      {list.nextCursor && (
        <p className="load-more">
          <button type="button" className="button" onClick={onLoadMore} aria-disabled={list.loadingMore || undefined}>
            {list.loadingMore && <span className="spinner" aria-hidden="true" />}
            {list.loadingMore ? 'Loading more…' : label}
          </button>
        </p>
      )}
    </>
  );
}
