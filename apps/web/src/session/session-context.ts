import { createContext, useContext } from 'react';
import type { SecondFactorPayload, SessionView, SignInPayload } from '@vetmeet/contracts/client';
import type { ApiError } from '../api/api-error';

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-in'; session: SessionView }
  /** The password was right; the authenticator code is still due, and the session can do nothing else. */
  | { status: 'second-factor'; session: SessionView }
  | { status: 'signed-out' }
  /** The server could not be asked: neither signed in nor out as far as we know. */
  | { status: 'unavailable'; error: ApiError };

export interface SessionControls {
  state: SessionState;
  /** The signed-in person's session, or null while loading, signed out, unreachable or a second factor is due. */
  session: SessionView | null;
  /** Asks the server again (after an error, or when something else may have changed the session). */
  refresh(): Promise<void>;
  /** Rejects with the ApiError (INVALID_CREDENTIALS, ACCOUNT_LOCKED, RATE_LIMITED, …). */
  signIn(payload: SignInPayload): Promise<SessionView>;
  /** The authenticator or recovery code after the password; rejects with SECOND_FACTOR_INVALID, RATE_LIMITED, …. */
  completeSecondFactor(proof: SecondFactorPayload): Promise<SessionView>;
  signOut(): Promise<void>;
  /**
   * Runs a request that ends every session of the account (a password reset): this page's
   * session is then forgotten quietly, not reported as ended elsewhere.
   */
  endingEverySession<T>(action: () => Promise<T>): Promise<T>;
}

export const SessionContext = createContext<SessionControls | null>(null);

export function useSession(): SessionControls {
  const controls = useContext(SessionContext);
  if (!controls) throw new Error('useSession() needs a <SessionProvider> above it');
  return controls;
}
