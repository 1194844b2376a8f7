import { takeLinkToken } from '../accounts/link-token';

/*
 * An invitation link often needs a detour (sign in, or create an account first) before it
 * can be accepted. Its token waits in this tab's sessionStorage meanwhile: never in a URL,
 * where it would reach history and server logs, and gone when the tab closes.
 */

const STORAGE_KEY = 'vetmeet:invitation-token';
export const INVITATION_PATH = '/invitations/accept';

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    // Storage blocked by the browser's settings: the token lives as long as the page.
    return null;
  }
}

/** The token from the link just opened, or the one kept from earlier in this tab. */
export function takeInvitationToken(): string | null {
  const fromLink = takeLinkToken();
  if (fromLink) {
    storage()?.setItem(STORAGE_KEY, fromLink);
    return fromLink;
  }
  return storage()?.getItem(STORAGE_KEY) ?? null;
}

export function forgetInvitationToken(): void {
  storage()?.removeItem(STORAGE_KEY);
}
