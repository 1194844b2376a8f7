import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import type { Request } from 'express';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';

const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-real-ip'];

/**
 * Who may read /metrics: how busy the platform is, how many rooms are open, which routes fail,
 * is operational detail for our scraper, not for the internet. With METRICS_TOKEN set, the
 * scraper proves itself with it; without one, only a request made on this machine directly
 * (a loopback peer with no proxy header: a reverse proxy on the same host is loopback too,
 * but says whom it forwards for).
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  private readonly tokenDigest: Buffer | null;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.tokenDigest = config.METRICS_TOKEN ? digest(config.METRICS_TOKEN) : null;
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (this.tokenDigest) {
      const presented = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
      // Compared as digests: equal lengths, and no timing hint of how much of the token matched.
      if (presented && timingSafeEqual(digest(presented), this.tokenDigest)) return true;
      throw new AppError(ErrorCode.Unauthenticated, 'Metrics need the scraper\'s token (Authorization: Bearer).');
    }
    if (isLoopback(request.socket.remoteAddress) && !PROXY_HEADERS.some((header) => header in request.headers)) return true;
    throw new AppError(ErrorCode.Forbidden, 'Metrics are served on this machine only, unless METRICS_TOKEN is set.');
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return v4.startsWith('127.') || address === '::1';
}
