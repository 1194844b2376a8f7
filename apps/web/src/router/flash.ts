import { useEffect, useState } from 'react';
import { navigate, type NavigateOptions } from './router';

/*
 * A message for the next page ("You have signed out.", "Bella's record was deleted."),
 * kept in memory rather than in the address so nothing personal reaches history or logs.
 */

let pending: string | null = null;

export function navigateWithMessage(to: string, message: string, options?: NavigateOptions): void {
  pending = message;
  navigate(to, options);
}

/** The message left for this page, shown once: it is gone when the page is next opened. */
export function useFlashMessage(): string | null {
  // Read in the initializer and cleared in an effect: Strict Mode may run the initializer twice.
  const [message] = useState(() => pending);
  useEffect(() => {
    pending = null;
  }, []);
  return message;
}
