import type { IncomingHttpHeaders } from 'node:http';
import { ErrorCode } from '@vetmeet/contracts';
import type { NextFunction, Request, Response } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a browser request comes from a page of this same origin. Browsers send Origin on
 * every cross-origin request and on same-origin writes; requests without it come from
 * non-browser clients, which carry no ambient cookies to abuse.
 */
export function isSameOriginOrNotBrowser(headers: IncomingHttpHeaders): boolean {
  const origin = headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === headers.host;
  } catch {
    return false;
  }
}

/**
 * Refuses writes that another site's page makes the browser send (forms, fetch with
 * cookies), before any handler sees them: CSRF defence in depth on top of SameSite cookies
 * and the per-session CSRF token, and the only one for public routes such as sign-in.
 */
export function refuseCrossOriginWrites(request: Request, response: Response, next: NextFunction): void {
  if (SAFE_METHODS.has(request.method) || isSameOriginOrNotBrowser(request.headers)) return next();
  response.status(403).json({ code: ErrorCode.CsrfTokenInvalid, message: 'Requests from other sites are not accepted.' });
}
