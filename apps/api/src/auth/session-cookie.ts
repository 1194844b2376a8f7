import type { CookieOptions, Request, Response } from 'express';
import type { AppConfig } from '../config/app-config';
import { PRODUCTION_SESSION_COOKIE, SESSION_COOKIE } from '../sessions/session-policy';

export const sessionCookieName = (config: AppConfig) => (config.NODE_ENV === 'production' ? PRODUCTION_SESSION_COOKIE : SESSION_COOKIE);

/**
 * httpOnly (scripts never see the token), SameSite=Lax (other sites' forms and fetches do
 * not carry it; links from our e-mails still do), Secure except on a plain-HTTP local run.
 */
function cookieOptions(config: AppConfig, request: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: config.NODE_ENV === 'production' || request.secure, path: '/' };
}

export function setSessionCookie(config: AppConfig, request: Request, response: Response, token: string, expiresAt: Date): void {
  response.cookie(sessionCookieName(config), token, { ...cookieOptions(config, request), expires: expiresAt });
}

export function clearSessionCookie(config: AppConfig, request: Request, response: Response): void {
  response.clearCookie(sessionCookieName(config), cookieOptions(config, request));
}
