import { useSyncExternalStore } from 'react';
import { needsPageLoad } from './document-policy';

/*
 * A router of a few lines on the history API: the app has a handful of pages and no
 * nested routes, so a dependency would cost more than it saves.
 */

const NAVIGATE_EVENT = 'vetmeet:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE_EVENT, onChange);
  };
}

function currentPath(): string {
  return window.location.pathname;
}

function currentSearch(): string {
  return window.location.search;
}

export function usePathname(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

/** The query string's parameters; a new object on every render, so read values, do not keep it. */
export function useSearchParams(): URLSearchParams {
  return new URLSearchParams(useSyncExternalStore(subscribe, currentSearch));
}

export interface NavigateOptions {
  /** Replace the current history entry instead of adding one (redirects, so Back does not bounce). */
  replace?: boolean;
}

/** The path this document was loaded at: the server chose its security policy for that path. */
const documentPath = typeof window === 'undefined' ? '/' : window.location.pathname;

/** Goes to `to` in place; answers true when that needs a new page from the server instead (see document-policy). */
export function navigate(to: string, { replace = false }: NavigateOptions = {}): boolean {
  if (to === currentPath() + currentSearch()) return false;
  if (needsPageLoad(documentPath, to)) {
    if (replace) window.location.replace(to);
    else window.location.assign(to);
    return true;
  }
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
  window.scrollTo(0, 0);
  return false;
}

/** The path (with query) to come back to after signing in; only ever one of our own pages. */
export function safeReturnPath(candidate: string | null, fallback: string): string {
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return fallback;
  return candidate;
}

/**
 * Matches a path against a pattern such as `/pets/:id`; returns the named segments,
 * decoded, or null when it does not match.
 */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const patternParts = pattern.split('/');
  const pathParts = pathname.split('/');
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index] ?? '';
    if (part.startsWith(':')) {
      if (!actual) return null;
      try {
        params[part.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (part !== actual) {
      return null;
    }
  }
  return params;
}
