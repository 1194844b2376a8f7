import {
  ErrorCode,
  ROOM_NAMESPACE,
  type Ack,
  type AckCallback,
  type RoomClientToServerEvents,
  type RoomServerToClientEvents,
} from '@vetmeet/contracts/client';
import { io, type Socket } from 'socket.io-client';
import { ApiError } from '../api/api-error';

export type RoomSocket = Socket<RoomServerToClientEvents, RoomClientToServerEvents>;

type Requests = RoomClientToServerEvents;
export type RoomRequestName = keyof Requests;
export type RoomRequestPayload<E extends RoomRequestName> = Parameters<Requests[E]>[0];
export type RoomResponse<E extends RoomRequestName> = Parameters<Requests[E]>[1] extends AckCallback<infer T> ? T : never;

const REQUEST_TIMEOUT_MS = 10_000;

/** Errors from the socket carry no HTTP status; 0 says so. */
const NO_HTTP_STATUS = 0;

/** A request that never got its answer: the socket dropped, or the server did not reply in time. */
export function isSignalingLoss(error: unknown): boolean {
  return error instanceof ApiError && error.code === ErrorCode.ServiceUnavailable && error.status === NO_HTTP_STATUS;
}

/**
 * The consultation room's socket.io connection, authenticated by the session cookie on
 * connect. Requests read like async calls: an `{ ok: true }` acknowledgement resolves with its
 * data, `{ ok: false }` throws an ApiError with the server's code, and no answer in time
 * throws SERVICE_UNAVAILABLE. socket.io reconnects by itself; whoever owns this object
 * re-joins the room on every `connect`.
 */
export class RoomSignaling {
  readonly socket: RoomSocket;

  constructor() {
    this.socket = io(ROOM_NAMESPACE, {
      path: '/socket.io',
      transports: ['websocket'],
      // Its own connection: the session channel's socket must not share this one's reconnecting.
      forceNew: true,
      autoConnect: false,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
    });
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  connect(): void {
    this.socket.connect();
  }

  /**
   * One request, answered through its acknowledgement. Refused at once while the socket is
   * down: socket.io would otherwise hold it and send it after reconnecting, before the
   * room has been joined again.
   */
  async request<E extends RoomRequestName>(event: E, payload: RoomRequestPayload<E>, timeoutMs = REQUEST_TIMEOUT_MS): Promise<RoomResponse<E>> {
    if (!this.socket.connected) {
      throw new ApiError(ErrorCode.ServiceUnavailable, `${event}: not connected to the room`, NO_HTTP_STATUS);
    }
    // socket.io's typings cannot narrow its argument tuple over a generic event name, and
    // under timeout() they lose the acknowledgement's type; the event map above is the truth.
    const timed = this.socket.timeout(timeoutMs) as unknown as {
      emitWithAck(event: E, payload: RoomRequestPayload<E>): Promise<Ack<RoomResponse<E>>>;
    };
    let ack: Ack<RoomResponse<E>>;
    try {
      ack = await timed.emitWithAck(event, payload);
    } catch {
      throw new ApiError(ErrorCode.ServiceUnavailable, `No answer to ${event} within ${timeoutMs} ms`, NO_HTTP_STATUS);
    }
    if (!ack.ok) {
      throw new ApiError(ack.error.code, ack.error.message, NO_HTTP_STATUS, ack.error.details ?? [], ack.error.requestId);
    }
    return ack.data;
  }

  /** Sends without waiting for the answer (leaving as the page closes). */
  notify<E extends RoomRequestName>(event: E, payload: RoomRequestPayload<E>): void {
    if (!this.socket.connected) return;
    (this.socket as unknown as { emit(event: E, payload: RoomRequestPayload<E>, ack: () => void): void }).emit(event, payload, () => undefined);
  }

  close(): void {
    this.socket.removeAllListeners();
    this.socket.io.removeAllListeners();
    this.socket.disconnect();
  }
}
