import { ErrorCode } from '@vetmeet/contracts';
import type { Socket } from 'socket.io';
import type { MetricsService } from '../metrics/metrics.service';

/**
 * socket.io silently drops events nobody listens to, which leaves a client waiting for an
 * acknowledgement forever. This answers them with UNKNOWN_EVENT instead, and counts every
 * message for /metrics.
 */
export function answerUnknownEvents(socket: Socket, knownEvents: ReadonlySet<string>, metrics: MetricsService): void {
  const namespace = socket.nsp.name;
  socket.onAny((event: unknown, ...args: unknown[]) => {
    const name = String(event);
    const known = knownEvents.has(name);
    metrics.socketMessages.inc({ namespace, event: known ? name : 'unknown', outcome: known ? 'received' : 'unknown_event' });
    if (known) return;
    const error = { code: ErrorCode.UnknownEvent, message: 'This event is not known to the server.' };
    const ack = args.at(-1);
    if (typeof ack === 'function') ack({ ok: false, error });
    else socket.emit('error:unhandled', { ...error, event: name.slice(0, 100) });
  });
}
