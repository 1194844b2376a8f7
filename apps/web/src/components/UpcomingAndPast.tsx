import type { ReactNode } from 'react';
import type { PagedListControls } from '../api/use-paged-list';
import { LoadFailure } from './LoadFailure';
import { LoadMore } from './LoadMore';

interface PeriodSection {
  title: string;
  /** The list's test id; its heading's id is derived from it. */
  testId: string;
  /** Under the list while there is a next page. */
  moreLabel: string;
}

interface UpcomingAndPastProps<T> {
  upcoming: PagedListControls<T>;
  past: PagedListControls<T>;
  sections: { upcoming: PeriodSection & { none: string }; past: PeriodSection };
  loadingText: string;
  /** Shown instead of both sections when neither has anything. */
  empty: ReactNode;
  renderList(items: T[], testId: string): ReactNode;
}

/**
 * What is to come and what is over, each a list loaded a page at a time: one failure notice
 * (retrying both), one loading line, one empty state, then "coming up" always and "past"
 * when it has anything.
 */
export function UpcomingAndPast<T>({ upcoming, past, sections, loadingText, empty, renderList }: UpcomingAndPastProps<T>) {
  const failed = [upcoming, past].find((list) => list.state.status === 'failed');
  if (failed?.state.status === 'failed') {
    const retry = () => {
      upcoming.reload();
      past.reload();
    };
    return <LoadFailure error={failed.state.error} onRetry={retry} />;
  }
  if (upcoming.state.status !== 'loaded' || past.state.status !== 'loaded') return <p role="status">{loadingText}</p>;
  if (upcoming.state.items.length === 0 && past.state.items.length === 0) return <>{empty}</>;
  return (
    <>
      <section aria-labelledby={`${sections.upcoming.testId}-title`}>
        <h2 id={`${sections.upcoming.testId}-title`}>{sections.upcoming.title}</h2>
        {upcoming.state.items.length > 0 ? renderList(upcoming.state.items, sections.upcoming.testId) : <p className="muted">{sections.upcoming.none}</p>}
        <LoadMore list={upcoming.state} onLoadMore={upcoming.loadMore} label={sections.upcoming.moreLabel} />
      </section>
      {past.state.items.length > 0 && (
        <section aria-labelledby={`${sections.past.testId}-title`}>
          <h2 id={`${sections.past.testId}-title`}>{sections.past.title}</h2>
          {renderList(past.state.items, sections.past.testId)}
          <LoadMore list={past.state} onLoadMore={past.loadMore} label={sections.past.moreLabel} />
        </section>
      )}
    </>
  );
}
