import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RateLimitKeys } from './rate-limit-keys';
import { RATE_LIMIT_STORE, type RateLimitStore } from './rate-limit-store';
import { RateLimiter, type RateLimitSpec } from './rate-limiter';

/** Hands out limiters over the deployment's one shared store (see RateLimitsModule). */
@Injectable()
export class RateLimits {
  private readonly keys: RateLimitKeys;
  private readonly names = new Set<string>();

  constructor(
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    @Inject(AppConfig) config: AppConfig,
  ) {
    if (!config.SESSION_SECRET) {
      throw new Error('SESSION_SECRET is missing: rate-limit keys are MACed with a key derived from it');
    }
    this.keys = new RateLimitKeys(config.SESSION_SECRET);
  }

  /** A limiter; each name once, since two limiters under one name would spend one budget. */
  limiter(spec: RateLimitSpec): RateLimiter {
    if (this.names.has(spec.name)) throw new Error(`rate limiter ${spec.name} is defined twice`);
    this.names.add(spec.name);
    return new RateLimiter(spec, this.store, this.keys);
  }
}
