import {
  ErrorCode,
  SESSION_NAMESPACE,
  SessionNotice,
  type SessionClientToServerEvents,
  type SessionServerToClientEvents,
} from '@vetmeet/contracts/client';
import type { Socket } from 'socket.io-client';

export type SessionEndReason = Parameters<SessionServerToClientEvents['session:ended']>[0]['reason'];

type SessionSocket = Socket<SessionServerToClientEvents, SessionClientToServerEvents>;

export interface SessionChannelHandlers {
  /** The session was ended elsewhere (another tab signed out, another device revoked it, it expired). */
  onEnded(reason: SessionEndReason): void;
  /** The server would not accept this session: it ended while the page was offline, or is not fully signed in. */
  onRefused(code: ErrorCode.Unauthenticated | ErrorCode.SecondFactorRequired): void;
}

/** After a refusal that is not about the session (the server could not check it), ask again this much later. */
const RETRY_AFTER_REFUSAL_MS = 15_000;

/**
 * Opens the signed-in browser's own socket.io channel (`/session`, authenticated by the
 * session cookie) and reports when the session ends elsewhere. Network losses are left to
 * socket.io's reconnection with back-off; a refusal of the session itself stops the channel.
 * Returns a function that closes it.
 */
export function openSessionChannel(handlers: SessionChannelHandlers): () => void {
  let closed = false;
  let socket: SessionSocket | undefined;
  let retryTimer: number | undefined;

  const close = (): void => {
    closed = true;
    window.clearTimeout(retryTimer);
    socket?.close();
  };

  // socket.io-client is loaded only once someone signs in, so the public pages stay small.
  import('socket.io-client').then(
    ({ io }) => {
      if (closed) return;
      // A connection of its own (forceNew): the media pages' sockets must not inherit its reconnecting.
      const channel: SessionSocket = io(SESSION_NAMESPACE, { path: '/socket.io', transports: ['websocket'], forceNew: true });
      socket = channel;

      channel.on(SessionNotice.Ended, ({ reason }) => {
        close();
        handlers.onEnded(reason);
      });

      channel.on('connect_error', (error: Error & { data?: { code?: unknown } }) => {
        // Still active: the server could not be reached, and socket.io tries again by itself.
        if (channel.active || closed) return;
        const code = error.data?.code;
        if (code === ErrorCode.Unauthenticated || code === ErrorCode.SecondFactorRequired) {
          close();
          handlers.onRefused(code);
          return;
        }
        retryTimer = window.setTimeout(() => {
          if (!closed) channel.connect();
        }, RETRY_AFTER_REFUSAL_MS);
      });
    },
    (error: unknown) => {
      // Without the channel the page still learns of an ended session from its next request.
      console.warn('session channel not opened', error);
    },
  );

  return close;
}
