import { useCallback, useRef, useState } from 'react';
import { ApiError } from '../api/api-error';
import { describeApiError } from '../api/error-messages';
import { navigateWithMessage } from '../router/flash';
import { useSession } from './session-context';

export interface SignOutControl {
  signOut: () => void;
  busy: boolean;
  /** A sentence when signing out failed; the person is still signed in. */
  error: string | null;
}

/** Signs this device out and lands on the sign-in page, which says so. */
export function useSignOut(): SignOutControl {
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);

  const signOut = useCallback(() => {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError(null);
    session
      .signOut()
      .then(
        () => navigateWithMessage('/sign-in', 'You have signed out.'),
        (failure: unknown) => setError(failure instanceof ApiError ? describeApiError(failure) : 'Signing out failed. Try again.'),
      )
      .finally(() => {
        running.current = false;
        setBusy(false);
      });
  }, [session]);

  return { signOut, busy, error };
}
