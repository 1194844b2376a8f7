import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsService } from './metrics.service';

/**
 * Counts every HTTP request by its route template (`/pets/:id`), never the raw path, so
 * ids do not explode the label set or end up in metrics.
 */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const stopTimer = this.metrics.httpDuration.startTimer();
    response.once('finish', () => {
      const route = routeTemplate(request);
      stopTimer({ method: request.method, route });
      this.metrics.httpRequests.inc({ method: request.method, route, status: String(response.statusCode) });
    });
    next();
  }
}

function routeTemplate(request: Request): string {
  const path = request.route?.path;
  if (typeof path === 'string') return `${request.baseUrl}${path}`;
  return 'unmatched';
}
