import {
  MEDIA_LOOPBACK_NAMESPACE,
  type Ack,
  type MediaLoopbackClientToServerEvents,
  type MediaLoopbackServerToClientEvents,
} from '@vetmeet/contracts';
import { io, type Socket } from 'socket.io-client';

export type LoopbackClient = Socket<MediaLoopbackServerToClientEvents, MediaLoopbackClientToServerEvents>;

/** A socket.io client on the media loopback namespace, connected before it is returned. */
export async function connectLoopbackClient(baseUrl: string): Promise<LoopbackClient> {
  const socket: LoopbackClient = io(`${baseUrl}${MEDIA_LOOPBACK_NAMESPACE}`, { transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

/**
 * Sends any event with any payload (the point of bad-input tests) and waits for the
 * acknowledgement, failing the test after five seconds instead of hanging.
 */
export function requestRaw(socket: LoopbackClient, event: string, ...payload: unknown[]): Promise<Ack<unknown>> {
  const untyped = socket as unknown as Socket;
  return untyped.timeout(5_000).emitWithAck(event, ...payload);
}
