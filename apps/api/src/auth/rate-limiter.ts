import { ErrorCode } from '@vetmeet/contracts';
import { AppError } from '../common/errors/app-error';

interface Window {
  startedAt: number;
  count: number;
}

/**
 * Fixed-window counters per key (an IP, an IP + e-mail): enough to blunt password guessing
 * and mail bombing from one process. Several app nodes would move this to Redis.
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt; throws RATE_LIMITED (with seconds to wait) past the limit. */
  take(key: string): void {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= this.windowMs) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
      this.sweep(now);
    }
    window.count += 1;
    if (window.count > this.limit) {
      const retryAfterSeconds = Math.ceil((window.startedAt + this.windowMs - now) / 1000);
      throw new AppError(ErrorCode.RateLimited, `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, [`retryAfterSeconds: ${retryAfterSeconds}`]);
    }
  }

  /** Forgets a key's attempts, e.g. after it proved itself with a right answer. */
  reset(key: string): void {
    this.windows.delete(key);
  }

  private sweep(now: number): void {
    if (this.windows.size < 10_000) return;
    for (const [key, window] of this.windows) if (now - window.startedAt >= this.windowMs) this.windows.delete(key);
  }
}
