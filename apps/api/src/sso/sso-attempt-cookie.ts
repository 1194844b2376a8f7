import type { CookieOptions, Request, Response } from 'express';
import type { AppConfig } from '../config/app-config';
import { ATTEMPT_LIFETIME_SECONDS } from './sso-sign-in.service';

/**
 * The browser's half of a sign-in attempt: a random value whose hash finds the attempt. SameSite=Lax,
 * so the provider's redirect back (a top-level GET) carries it while another site's request does not
 * start or finish one for this browser; the state in the URL alone would let an attacker's code in.
 */
const cookieName = (config: AppConfig) =>
  config.NODE_ENV === 'production' ? '__Host-vetmeet_sso_attempt' : 'vetmeet_sso_attempt';

function options(config: AppConfig, request: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: config.NODE_ENV === 'production' || request.secure, path: '/' };
}

export function setAttemptCookie(config: AppConfig, request: Request, response: Response, token: string): void {
  response.cookie(cookieName(config), token, { ...options(config, request), maxAge: ATTEMPT_LIFETIME_SECONDS * 1000 });
}

export function takeAttemptCookie(config: AppConfig, request: Request, response: Response): string | undefined {
  const token: unknown = request.cookies?.[cookieName(config)];
  response.clearCookie(cookieName(config), options(config, request));
  return typeof token === 'string' && token.length <= 100 ? token : undefined;
}
