import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ErrorCode, type SecondFactorPayload, type SessionView, type SignInPayload } from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import * as auth from '../api/auth';
import { onSessionError, setCsrfToken } from '../api/client';
import { completeSecondFactor as sendSecondFactor } from '../api/two-factor';
import { navigateWithMessage } from '../router/flash';
import { signInPathFor } from './RequireSession';
import { openSessionChannel, type SessionEndReason } from './session-channel';
import { SessionContext, type SessionControls, type SessionState } from './session-context';

/** A session whose second factor is due is not yet a signed-in one. */
const stateOf = (session: SessionView): SessionState =>
  session.secondFactorPending === true ? { status: 'second-factor', session } : { status: 'signed-in', session };

/** What the sign-in page says when the session ended somewhere else. */
const endedMessages: Record<SessionEndReason, string> = {
  revoked: 'You were signed out on another device.',
  // The session (one cookie) is shared by every tab of this browser.
  signed_out: 'You signed out in another tab or window.',
  expired: 'Your session expired.',
};
const SESSION_GONE_MESSAGE = 'Your session has ended. Sign in again to continue.';

/**
 * Knows who is signed in: asks `/api/auth/session` once when the app starts, and keeps the
 * answer current through sign-in, sign-out, and any request that finds the session gone.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  // This page's own sign-out also ends the session on the channel; that notice is not news.
  const signingOut = useRef(false);

  // The CSRF token is set before React re-renders, so no write can go out with a stale one.
  const apply = useCallback((next: SessionState) => {
    setCsrfToken(next.status === 'signed-in' || next.status === 'second-factor' ? next.session.csrfToken : null);
    setState(next);
  }, []);

  const load = useCallback(
    async (signal?: AbortSignal) => {
      try {
        const answer = await auth.fetchSession(signal);
        apply(answer.signedIn ? stateOf(answer) : { status: 'signed-out' });
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

  // While signed in, the session channel says at once when the session ends elsewhere. Keyed
  // by the CSRF token, which is the session's own: a new session opens a new channel.
  const channelKey = state.status === 'signed-in' ? state.session.csrfToken : null;
  useEffect(() => {
    if (!channelKey) return;
    signingOut.current = false;
    /** Back to sign-in, saying why, and on to this page again afterwards. */
    const endedHere = (message: string) => {
      navigateWithMessage(signInPathFor(window.location.pathname + window.location.search), message, { replace: true });
      apply({ status: 'signed-out' });
    };
    return openSessionChannel({
      onEnded: (reason) => {
        if (!signingOut.current) endedHere(endedMessages[reason]);
      },
      // Refused on reconnecting: the session ended while the page was offline and missed the notice.
      onRefused: (code) => {
        if (code === ErrorCode.Unauthenticated) endedHere(SESSION_GONE_MESSAGE);
        else void load();
      },
    });
  }, [channelKey, apply, load]);

  const signIn = useCallback(
    async (payload: SignInPayload): Promise<SessionView> => {
      const session = await auth.signIn(payload);
      apply(stateOf(session));
      return session;
    },
    [apply],
  );

  const completeSecondFactor = useCallback(
    async (proof: SecondFactorPayload): Promise<SessionView> => {
      const session = await sendSecondFactor(proof);
      apply(stateOf(session));
      return session;
    },
    [apply],
  );

  const signOut = useCallback(async () => {
    signingOut.current = true;
    try {
      await auth.signOut();
    } catch (error) {
      // Already signed out on the server is the outcome we wanted.
      if (!(error instanceof ApiError && error.code === ErrorCode.Unauthenticated)) {
        signingOut.current = false;
        throw error;
      }
    }
    apply({ status: 'signed-out' });
  }, [apply]);

  const endingEverySession = useCallback(
    async <T,>(action: () => Promise<T>): Promise<T> => {
      signingOut.current = true;
      let result: T;
      try {
        result = await action();
      } catch (error) {
        // Nothing ended: notices about this session are news again.
        signingOut.current = false;
        throw error;
      }
      // The channel's own notice may still arrive; the flag stays set until a new session opens one.
      apply({ status: 'signed-out' });
      return result;
    },
    [apply],
  );

  const refresh = useCallback(() => load(), [load]);

  const controls = useMemo<SessionControls>(
    () => ({ state, session: state.status === 'signed-in' ? state.session : null, refresh, signIn, completeSecondFactor, signOut, endingEverySession }),
    [state, refresh, signIn, completeSecondFactor, signOut, endingEverySession],
  );

  return <SessionContext.Provider value={controls}>{children}</SessionContext.Provider>;
}
