import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Socket } from 'socket.io';
import { loggableError } from './loggable-error';
import { toErrorBody } from './to-error-body';

/**
 * The one place socket.io errors become answers. A request with an acknowledgement gets
 * `{ ok: false, error }` through it, so the client's promise settles; without one, the
 * error is emitted as `error:unhandled`. The socket stays open either way.
 */
@Catch()
export class WsErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(WsErrorFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const socket = host.switchToWs().getClient<Socket>();
    // Nest hands a gateway handler (socket, payload, ack, pattern).
    const ack = host.getArgByIndex(2);
    const event = String(host.getArgByIndex(3) ?? 'unknown');
    const { body, expected } = toErrorBody(error);
    if (!expected) this.logger.error({ err: loggableError(error), socketId: socket.id, event }, 'unhandled error in socket.io handler');
    if (typeof ack === 'function') ack({ ok: false, error: body });
    else socket.emit('error:unhandled', { ...body, event });
  }
}
