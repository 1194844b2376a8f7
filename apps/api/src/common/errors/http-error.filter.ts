import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { loggableError } from './loggable-error';
import { toErrorBody } from './to-error-body';

/** The one place HTTP errors become responses: a code, a sentence and the request id. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const { status, body, expected, retryAfterSeconds } = toErrorBody(error);
    if (!expected) this.logger.error({ err: loggableError(error), requestId: request.id }, 'unhandled error in HTTP request');
    // Already answered (a body that timed out is answered 408 before its parser gives up): nothing more to say.
    if (response.headersSent) return;
    if (retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(retryAfterSeconds));
    response.status(status).json({ ...body, requestId: request.id });
  }
}
