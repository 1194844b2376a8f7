import type { AckCallback } from '../errors/ack';

/**
 * The signed-in browser's own channel: authenticated on connect from the session cookie,
 * it tells the page when its session ends elsewhere (signed out, revoked, password reset),
 * so the page can return to sign-in at once instead of failing on its next request.
 */
export const SESSION_NAMESPACE = '/session';

export const SessionRequest = { WhoAmI: 'session:whoAmI' } as const;
export const SessionNotice = { Ended: 'session:ended' } as const;

export interface SessionClientToServerEvents {
  'session:whoAmI': (payload: Record<string, never>, ack: AckCallback<{ userId: string; sessionId: string }>) => void;
}

export interface SessionServerToClientEvents {
  'session:ended': (notice: { reason: 'signed_out' | 'revoked' | 'expired' }) => void;
}
