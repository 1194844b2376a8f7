import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { ErrorCode } from '@vetmeet/contracts';
import type { NextFunction, Request, Response } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Express's compiled TRUST_PROXY setting: whether the peer at this address may speak for the client. */
export type TrustProxy = (address: string | undefined, hop: number) => boolean;

/**
 * The scheme the browser used to reach us: the connection's own, or with TRUST_PROXY the
 * first X-Forwarded-Proto of a trusted proxy (which ended TLS), as Express's req.protocol.
 */
export function requestProtocol(request: IncomingMessage, trustProxy: TrustProxy): string {
  const own = (request.socket as TLSSocket).encrypted ? 'https' : 'http';
  const forwarded = request.headers['x-forwarded-proto'];
  if (typeof forwarded !== 'string' || !trustProxy(request.socket.remoteAddress, 0)) return own;
  return forwarded.split(',')[0].trim().toLowerCase() || own;
}

/**
 * Whether a browser request comes from a page of this same origin: scheme, host and port.
 * Browsers send Origin on every cross-origin request and on same-origin writes; requests
 * without it come from non-browser clients, which carry no ambient cookies to abuse. The
 * scheme counts: an http page (on a network an attacker controls) is another origin than
 * our https one, even on the same host.
 */
export function isSameOriginOrNotBrowser(request: IncomingMessage, trustProxy: TrustProxy): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    const own = new URL(`${requestProtocol(request, trustProxy)}://${request.headers.host ?? ''}`);
    return (own.protocol === 'http:' || own.protocol === 'https:') && new URL(origin).origin === own.origin;
  } catch {
    return false;
  }
}

/** Express's own TRUST_PROXY decision for this request's app. */
export const trustProxyOf = (request: Request): TrustProxy => request.app.get('trust proxy fn') as TrustProxy;

/**
 * Refuses writes that another site's page makes the browser send (forms, fetch with
 * cookies), before any handler sees them: CSRF defence in depth on top of SameSite cookies
 * and the per-session CSRF token, and the only one for public routes such as sign-in.
 */
export function refuseCrossOriginWrites(request: Request, response: Response, next: NextFunction): void {
  if (SAFE_METHODS.has(request.method) || isSameOriginOrNotBrowser(request, trustProxyOf(request))) return next();
  response.status(403).json({ code: ErrorCode.CsrfTokenInvalid, message: 'Requests from other sites are not accepted.' });
}
