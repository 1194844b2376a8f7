import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ErrorCode, type SessionView, type SignInPayload } from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import * as auth from '../api/auth';
import { onSessionError, setCsrfToken } from '../api/client';
import { SessionContext, type SessionControls, type SessionState } from './session-context';

/** A session whose second factor is due is not yet a signed-in one. */
const stateOf = (session: SessionView): SessionState =>
  session.secondFactorPending === true ? { status: 'second-factor', session } : { status: 'signed-in', session };

/**
 * Knows who is signed in: asks `/api/auth/session` once when the app starts, and keeps the
 * answer current through sign-in, sign-out, and any request that finds the session gone.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  // The CSRF token is set before React re-renders, so no write can go out with a stale one.
  const apply = useCallback((next: SessionState) => {
    setCsrfToken(next.status === 'signed-in' || next.status === 'second-factor' ? next.session.csrfToken : null);
    setState(next);
  }, []);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        apply(stateOf(await auth.fetchSession(signal)));
      } catch (error) {
        if (signal?.aborted) return;
        if (error instanceof ApiError && error.code === ErrorCode.Unauthenticated) apply({ status: 'signed-out' });
        else if (error instanceof ApiError) apply({ status: 'unavailable', error });
        else throw error;
      }
    },
    [apply],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  // A session can end or change elsewhere: an ended one is signed out at once; otherwise
  // the server says what it is now (GET /api/auth/session answers a half-signed-in one too).
  useEffect(
    () =>
      onSessionError((code) => {
        if (code === ErrorCode.Unauthenticated) apply({ status: 'signed-out' });
        else void load();
      }),
    [apply, load],
  );

  const signIn = useCallback(
    async (payload: SignInPayload): Promise<SessionView> => {
      const session = await auth.signIn(payload);
      apply(stateOf(session));
      return session;
    },
    [apply],
  );

  const signOut = useCallback(async () => {
    try {
      await auth.signOut();
    } catch (error) {
      // Already signed out on the server is the outcome we wanted.
      if (!(error instanceof ApiError && error.code === ErrorCode.Unauthenticated)) throw error;
    }
    apply({ status: 'signed-out' });
  }, [apply]);

  const refresh = useCallback(() => load(), [load]);

  const controls = useMemo<SessionControls>(
    () => ({ state, session: state.status === 'signed-in' ? state.session : null, refresh, signIn, signOut }),
    [state, refresh, signIn, signOut],
  );

  return <SessionContext.Provider value={controls}>{children}</SessionContext.Provider>;
}
