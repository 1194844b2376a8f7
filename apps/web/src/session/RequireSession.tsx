import { useEffect, type ReactNode } from 'react';
import { describeApiError } from '../api/error-messages';
import { navigate } from '../router/router';
import { useSession } from './session-context';

/** Where a signed-out person is sent, with the page to come back to. */
export function signInPathFor(returnTo: string): string {
  return `/sign-in?next=${encodeURIComponent(returnTo)}`;
}

/**
 * Renders its page only for a signed-in person; anyone else goes to the sign-in page and
 * comes back here afterwards.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const { state, refresh } = useSession();

  useEffect(() => {
    // The second factor is asked for on the sign-in page, which then comes back here.
    if (state.status === 'signed-out' || state.status === 'second-factor') {
      navigate(signInPathFor(window.location.pathname + window.location.search), { replace: true });
    }
  }, [state.status]);

  switch (state.status) {
    case 'signed-in':
      return children;
    case 'unavailable':
      return (
        <section className="page narrow">
          <div className="notice notice-error" role="alert">
            <p>{describeApiError(state.error)}</p>
          </div>
          <button type="button" className="button" onClick={() => void refresh()}>
            Try again
          </button>
        </section>
      );
    default:
      return (
        <p className="page" role="status">
          Loading…
        </p>
      );
  }
}
