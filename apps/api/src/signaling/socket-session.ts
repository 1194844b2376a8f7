import { ErrorCode } from '@vetmeet/contracts';
import type { Socket } from 'socket.io';
import type { Actor } from '../auth/actor';
import type { SessionsService } from '../sessions/sessions.service';

/** Reads one cookie from a raw Cookie header, as the browser sent it with the handshake. */
export function cookieFromHeader(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      try {
        return decodeURIComponent(part.slice(separator + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** A connect refusal the client sees as connect_error with data { code, message }. */
function refusal(code: ErrorCode, message: string): Error & { data: { code: ErrorCode; message: string } } {
  return Object.assign(new Error(message), { data: { code, message } });
}

/**
 * socket.io middleware: a socket connects only with a live, fully signed-in session (the
 * same cookie as HTTP), and carries its actor in socket.data from then on. Cookies are not
 * sent cross-site (SameSite=Lax), and SignalingIoAdapter refuses handshakes from other origins.
 */
export function authenticateSockets(sessions: SessionsService, cookieName: string) {
  return (socket: Socket, next: (error?: Error) => void): void => {
    const token = cookieFromHeader(socket.handshake.headers.cookie, cookieName);
    if (!token) return next(refusal(ErrorCode.Unauthenticated, 'Sign in first.'));
    sessions.resolve(token).then(
      (session) => {
        if (!session) return next(refusal(ErrorCode.Unauthenticated, 'Sign in first.'));
        if (session.secondFactorPending) return next(refusal(ErrorCode.SecondFactorRequired, 'Finish signing in first.'));
        const actor: Actor = { userId: session.userId, sessionId: session.sessionId, clinicId: null, roles: [] };
        socket.data.actor = actor;
        next();
      },
      () => next(refusal(ErrorCode.ServiceUnavailable, 'Could not check the session right now.')),
    );
  };
}
