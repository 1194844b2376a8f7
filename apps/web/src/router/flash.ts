import { useEffect, useState } from 'react';
import { navigate, type NavigateOptions } from './router';

/*
 * A message for the next page ("You have signed out.", "Bella's record was deleted."),
 * kept in memory rather than in the address so nothing personal reaches history or logs.
 * When the next page is a new page load (the payment page has a policy of its own), it
 * waits in this tab's sessionStorage instead, read once by that page.
 */

const STORAGE_KEY = 'vetmeet:flash';

function takeStored(): string | null {
  try {
    const message = window.sessionStorage.getItem(STORAGE_KEY);
    window.sessionStorage.removeItem(STORAGE_KEY);
    return message;
  } catch {
    return null;
  }
}

let pending: string | null = typeof window === 'undefined' ? null : takeStored();

export function navigateWithMessage(to: string, message: string, options?: NavigateOptions): void {
  pending = message;
  if (!navigate(to, options)) return;
  try {
    // The page load begins once this script is done, so the next document finds it.
    window.sessionStorage.setItem(STORAGE_KEY, message);
  } catch {
    // Storage refused (private mode, full): the next page simply shows no message.
  }
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
