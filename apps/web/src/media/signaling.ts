import {
  ErrorCode,
  MEDIA_LOOPBACK_NAMESPACE,
  type Ack,
  type AckCallback,
  type MediaLoopbackClientToServerEvents,
  type MediaLoopbackServerToClientEvents,
} from '@vetmeet/contracts/client';
import { io, type Socket } from 'socket.io-client';
import { ClientErrorCode, MediaCheckError } from './media-check-error';

export type LoopbackSocket = Socket<MediaLoopbackServerToClientEvents, MediaLoopbackClientToServerEvents>;

type Requests = MediaLoopbackClientToServerEvents;
export type RequestName = keyof Requests;
export type RequestPayload<E extends RequestName> = Parameters<Requests[E]>[0];
export type ResponseData<E extends RequestName> = Parameters<Requests[E]>[1] extends AckCallback<infer T> ? T : never;

const REQUEST_TIMEOUT_MS = 10_000;
const CONNECT_TIMEOUT_MS = 10_000;

const knownErrorCodes = new Set<string>(Object.values(ErrorCode));

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && knownErrorCodes.has(value);
}

/**
 * Opens the loopback namespace and resolves once the server has accepted the socket. A
 * refusal from the server's connection middleware arrives as `connect_error` with the
 * error body in `data`; anything else means the server could not be reached.
 */
export function connectLoopbackSignaling(): Promise<LoopbackSocket> {
  const socket: LoopbackSocket = io(MEDIA_LOOPBACK_NAMESPACE, {
    path: '/socket.io',
    transports: ['websocket'],
    // The loopback router lives and dies with the socket, so a reconnect could not resume.
    reconnection: false,
    timeout: CONNECT_TIMEOUT_MS,
  });

  return new Promise((resolve, reject) => {
    const onConnect = (): void => {
      socket.off('connect_error', onConnectError);
      resolve(socket);
    };
    const onConnectError = (error: Error & { data?: { code?: unknown; message?: unknown } }): void => {
      socket.off('connect', onConnect);
      socket.close();
      const { data } = error;
      if (data && isErrorCode(data.code)) {
        reject(new MediaCheckError(data.code, typeof data.message === 'string' ? data.message : error.message));
      } else {
        reject(new MediaCheckError(ClientErrorCode.SignalingUnreachable, error.message));
      }
    };
    socket.once('connect', onConnect);
    socket.once('connect_error', onConnectError);
  });
}

/**
 * One request over the loopback namespace, answered through its acknowledgement. Resolves
 * with the data of `{ ok: true }` and throws a MediaCheckError carrying the server's code
 * for `{ ok: false }`, so callers read like ordinary async code.
 */
export async function request<E extends RequestName>(
  socket: LoopbackSocket,
  event: E,
  payload: RequestPayload<E>,
): Promise<ResponseData<E>> {
  // socket.io's typings cannot narrow its argument tuple over a generic event name, and
  // under timeout() they lose the acknowledgement's type; the event map above is the truth.
  const timed = socket.timeout(REQUEST_TIMEOUT_MS) as unknown as {
    emitWithAck(event: E, payload: RequestPayload<E>): Promise<Ack<ResponseData<E>>>;
  };

  let ack: Ack<ResponseData<E>>;
  try {
    ack = await timed.emitWithAck(event, payload);
  } catch {
    throw new MediaCheckError(ClientErrorCode.SignalingTimeout, `No answer to ${event} within ${REQUEST_TIMEOUT_MS} ms`);
  }
  if (!ack.ok) {
    throw new MediaCheckError(ack.error.code, ack.error.message, ack.error.requestId);
  }
  return ack.data;
}
