/*
 * E-mailed links carry their one-time token in the fragment (`/verify-email#token=…`), which
 * browsers never send to a server. The page reads it once and takes it out of the address
 * bar at once, so it does not stay in history, bookmarks or a shared screen.
 */

/** Tokens read so far, by page path: Strict Mode and re-renders read again after the hash is gone. */
const tokensByPath = new Map<string, string>();

function tokenInHash(hash: string): string | null {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return value && value.length <= 128 ? value : null;
}

/** The token this page's link brought, or null; removes it from the address without a new history entry. */
export function takeLinkToken(): string | null {
  const path = window.location.pathname;
  const fromHash = tokenInHash(window.location.hash);
  if (fromHash) {
    tokensByPath.set(path, fromHash);
    window.history.replaceState(window.history.state, '', path + window.location.search);
  }
  return tokensByPath.get(path) ?? null;
}

/** Forgets a token once its link has done its work. */
export function forgetLinkToken(path: string): void {
  tokensByPath.delete(path);
}
