import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { RequestContext } from './request-context';

/**
 * Opens the request's context before guards run, so that even a refusal by the session
 * guard is audited with the request id and address; the guard adds the actor once known.
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  use(request: Request & { id?: string }, _response: Response, next: NextFunction): void {
    RequestContext.run({ requestId: request.id ?? null, ip: request.ip ?? null, actor: null }, next);
  }
}
