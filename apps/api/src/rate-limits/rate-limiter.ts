import { ErrorCode } from '@vetmeet/contracts';
import { retryLater } from '../common/errors/app-error';
import type { RateLimitKeys } from './rate-limit-keys';
import type { RateLimitStore } from './rate-limit-store';

/** A named budget: `limit` attempts per key in each fixed window of `windowMs`. */
export interface RateLimitSpec {
  /** Stable and unique: the store keeps each limiter's counters under it. */
  name: string;
  limit: number;
  windowMs: number;
}

/**
 * Fixed-window counters per key (an address, an e-mail, an account), kept in the shared store so
 * they hold across the app's nodes and restarts: enough to blunt password guessing and mail
 * bombing. Get one from RateLimits.limiter().
 */
export class RateLimiter {
  constructor(
    readonly spec: RateLimitSpec,
    private readonly store: RateLimitStore,
    private readonly keys: RateLimitKeys,
  ) {}

  /** Counts one attempt; throws RATE_LIMITED (with the seconds to wait, also as Retry-After) past the limit. */
  async take(key: string): Promise<void> {
    const { name, windowMs } = this.spec;
    const { hits, resetsInMs } = await this.store.hit(name, this.keys.of(name, key), windowMs);
    if (hits > this.spec.limit) {
      const seconds = Math.max(1, Math.ceil(resetsInMs / 1000));
      throw retryLater(ErrorCode.RateLimited, seconds, `Too many attempts. Try again in ${seconds} seconds.`);
    }
  }

  /** Forgets a key's attempts, e.g. after it proved itself with a right answer. */
  async reset(key: string): Promise<void> {
    await this.store.forget(this.spec.name, this.keys.of(this.spec.name, key));
  }
}
