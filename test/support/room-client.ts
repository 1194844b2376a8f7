import {
  ROOM_NAMESPACE,
  type Ack,
  type RoomClientToServerEvents,
  type RoomServerToClientEvents,
} from '@vetmeet/contracts';
import { io, type Socket } from 'socket.io-client';
import type request from 'supertest';

export type RoomClient = Socket<RoomServerToClientEvents, RoomClientToServerEvents>;
type Notice = keyof RoomServerToClientEvents;
type NoticeOf<E extends Notice> = Parameters<RoomServerToClientEvents[E]>[0];

/** The cookies a signed-in supertest agent holds, as a Cookie header for a socket's handshake. */
export function cookieHeaderOf(agent: ReturnType<typeof request.agent>, host = '127.0.0.1'): string {
  type AccessInfo = Parameters<typeof agent.jar.getCookies>[0];
  const access = { domain: host, path: '/', secure: false, script: false } as AccessInfo;
  return agent.jar.getCookies(access).toValueString();
}

/** A socket.io client on the consultation room namespace, authenticated by the cookie and connected before it is returned. */
export async function connectRoomClient(baseUrl: string, cookie: string): Promise<RoomClient> {
  const socket: RoomClient = io(`${baseUrl}${ROOM_NAMESPACE}`, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    extraHeaders: { Cookie: cookie },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Sends any event with any payload and waits for its acknowledgement, failing after five seconds instead of hanging. */
export function roomRequest<T = unknown>(socket: RoomClient, event: string, ...payload: unknown[]): Promise<Ack<T>> {
  return (socket as unknown as Socket).timeout(5_000).emitWithAck(event, ...payload);
}

/** As roomRequest, but expects success and returns the data. */
export async function roomCall<T = unknown>(socket: RoomClient, event: string, payload: unknown = {}): Promise<T> {
  const answer = await roomRequest<T>(socket, event, payload);
  if (!answer.ok) throw new Error(`${event} failed: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}

/** The next notice of this kind that matches, or a failure after five seconds. */
export function nextNotice<E extends Notice>(socket: RoomClient, event: E, matches: (notice: NoticeOf<E>) => boolean = () => true): Promise<NoticeOf<E>> {
  const untyped = socket as unknown as { on(event: string, listener: (notice: NoticeOf<E>) => void): void; off(event: string, listener: (notice: NoticeOf<E>) => void): void };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      untyped.off(event, listener);
      reject(new Error(`no ${event} notice within 5 s`));
    }, 5_000);
    const listener = (notice: NoticeOf<E>) => {
      if (!matches(notice)) return;
      clearTimeout(timer);
      untyped.off(event, listener);
      resolve(notice);
    };
    untyped.on(event, listener);
  });
}
