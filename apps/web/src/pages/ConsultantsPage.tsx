import { ConsultantList } from '../components/ConsultantList';
import { DirectoryFilterForm } from '../components/DirectoryFilterForm';
import { LoadFailure } from '../components/LoadFailure';
import { LoadMore } from '../components/LoadMore';
import { filtersFromSearch, hasFilters, searchFromFilters, type DirectoryFilters } from '../directory/directory-filters';
import { useDirectory } from '../directory/use-directory';
import { calendarDateIn, formatLongDate } from '../format/calendar-week';
import { navigate, useSearchParams } from '../router/router';
import { useSession } from '../session/session-context';
import { useViewerTimeZone } from '../session/use-viewer-time-zone';

/**
 * The public directory: anyone finds a vet by species, language, specialty or a free day, and opens their profile.
 * It waits for the session, whose account zone may differ from the browser's: otherwise the list loads twice and
 * flashes back to "Looking for vets…" when the session arrives.
 */
export function ConsultantsPage() {
  const { state } = useSession();
  if (state.status === 'loading') {
    return (
      <section className="page" aria-labelledby="consultants-title">
        <h1 id="consultants-title">Find a vet</h1>
        <div role="status" className="status-region directory-count">
          <p>Looking for vets…</p>
        </div>
      </section>
    );
  }
  return <Directory />;
}

function Directory() {
  const filters = filtersFromSearch(useSearchParams());
  const search = searchFromFilters(filters);
  const timeZone = useViewerTimeZone();
  const directory = useDirectory(search, timeZone);
  const today = calendarDateIn(Date.now(), timeZone);
  const { state } = directory;

  function apply(next: DirectoryFilters): void {
    navigate(`/consultants${searchFromFilters(next)}`);
  }

  return (
    <section className="page" aria-labelledby="consultants-title">
      <h1 id="consultants-title">Find a vet</h1>
      <p className="lede">Book a video consultation with a vet who treats your pet and speaks your language. Times are shown in your time zone, {timeZone}.</p>

      <DirectoryFilterForm filters={filters} timeZone={timeZone} today={today} onApply={apply} />

      <div role="status" className="status-region directory-count">
        {state.status === 'loading' && <p>Looking for vets…</p>}
        {state.status === 'loaded' && state.items.length > 0 && (
          <p className="muted">
            {state.items.length === 1 ? 'One vet' : `${state.items.length} vets`}
            {state.nextCursor ? ' so far' : ''}
            {filters.date ? ` with free time on ${formatLongDate(filters.date)}` : ''}.
          </p>
        )}
      </div>

      {state.status === 'failed' && <LoadFailure error={state.error} onRetry={directory.reload} />}
      {state.status === 'loaded' &&
        (state.items.length === 0 ? (
          <div className="card empty-state" data-testid="directory-empty">
            <p>{hasFilters(filters) ? 'No vet matches these filters.' : 'No vets are taking bookings yet.'}</p>
            {hasFilters(filters) && <p className="muted">Try another day, or fewer filters.</p>}
          </div>
        ) : (
          <>
            <ConsultantList consultants={state.items} />
            <LoadMore list={state} onLoadMore={directory.loadMore} label="Show more vets" />
          </>
        ))}
    </section>
  );
}
