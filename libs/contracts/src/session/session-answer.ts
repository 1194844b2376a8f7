import type { SessionView } from '../accounts/account-payloads';

/**
 * GET /api/auth/session always answers 200: being signed out is a state the page asks about
 * on every load, not an error (a 401 there was logged in every signed-out visitor's console).
 */
export interface SignedOutAnswer {
  signedIn: false;
}

export interface SignedInAnswer extends SessionView {
  signedIn: true;
}

export type SessionAnswer = SignedInAnswer | SignedOutAnswer;
