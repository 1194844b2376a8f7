import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type NestMiddleware,
} from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { from, switchMap, type Observable } from 'rxjs';
import type { RequestWithActor } from '../auth/actor';
import { AppConfig } from '../config/app-config';
import { RateLimits } from './rate-limits';
import type { RateLimiter } from './rate-limiter';
import { routedPathOf } from '../web/request-path';

const MINUTE_MS = 60_000;

/**
 * The API only: /health, /metrics, the web client's pages and assets are never counted. /API/...
 * and an absolute-form request line reach the same handlers, so they count the same.
 */
const isApiRequest = (request: Request) => routedPathOf(request.originalUrl).startsWith('/api/');

/**
 * The global budgets of the HTTP API, on top of each feature's own (sign-in, mail, codes): one
 * per client address and one per signed-in account, each RATE_LIMIT_*_PER_MINUTE (0: off).
 * Both count in the shared store, so they hold across nodes and restarts.
 */
@Injectable()
export class HttpRateLimits {
  readonly perAddress: RateLimiter | null;
  readonly perAccount: RateLimiter | null;

  constructor(limits: RateLimits, @Inject(AppConfig) config: AppConfig) {
    const perMinute = (name: string, limit: number) =>
      limit > 0 ? limits.limiter({ name, limit, windowMs: MINUTE_MS }) : null;
    this.perAddress = perMinute('http.per-address', config.RATE_LIMIT_PER_ADDRESS_PER_MINUTE);
    this.perAccount = perMinute('http.per-account', config.RATE_LIMIT_PER_ACCOUNT_PER_MINUTE);
  }
}

/**
 * Per address, before anything else runs: a flood is refused before it costs a session look-up,
 * and requests the session guard refuses count too. A 429 goes through the HTTP error filter.
 */
@Injectable()
export class PerAddressRateLimitMiddleware implements NestMiddleware {
  constructor(private readonly limits: HttpRateLimits) {}

  async use(request: Request, _response: Response, next: NextFunction): Promise<void> {
    if (this.limits.perAddress && isApiRequest(request)) {
      await this.limits.perAddress.take(request.ip ?? 'unknown');
    }
    next();
  }
}

/** Per account, once the session guard has said whose request it is. */
@Injectable()
export class PerAccountRateLimitInterceptor implements NestInterceptor {
  constructor(private readonly limits: HttpRateLimits) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http' || !this.limits.perAccount) return next.handle();
    const request = context.switchToHttp().getRequest<Request & RequestWithActor>();
    if (!request.actor || !isApiRequest(request)) return next.handle();
    return from(this.limits.perAccount.take(request.actor.userId)).pipe(switchMap(() => next.handle()));
  }
}
