import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import type { Request } from 'express';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';

/** Headers a proxy adds about whom it forwards for (x-forwarded-* counts as a family). */
const isProxyHeader = (name: string) => name === 'forwarded' || name === 'via' || name === 'x-real-ip' || name.startsWith('x-forwarded-');

/**
 * Who may read /metrics: how busy the platform is, how many rooms are open, which routes fail,
 * is operational detail for our scraper, not for the internet. With METRICS_TOKEN set, the
 * scraper proves itself with it. Without one, in development, only a request made on this
 * machine directly: a loopback peer with no proxy header. In production that is not enough
 * (a reverse proxy on the same host is a loopback peer too, and need not say whom it forwards
 * for), so there /metrics needs the token.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  private readonly tokenDigest: Buffer | null;
  private readonly production: boolean;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.tokenDigest = config.METRICS_TOKEN ? digest(config.METRICS_TOKEN) : null;
    this.production = config.NODE_ENV === 'production';
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (this.tokenDigest) {
      const presented = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
      // Compared as digests: equal lengths, and no timing hint of how much of the token matched.
      if (presented && timingSafeEqual(digest(presented), this.tokenDigest)) return true;
      throw new AppError(ErrorCode.Unauthenticated, 'Metrics need the scraper\'s token (Authorization: Bearer).');
    }
    if (this.production) throw new AppError(ErrorCode.Forbidden, 'Metrics need METRICS_TOKEN in production.');
    if (isLoopback(request.socket.remoteAddress) && !Object.keys(request.headers).some(isProxyHeader)) return true;
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
