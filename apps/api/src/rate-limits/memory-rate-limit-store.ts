import type { RateLimitStore, WindowCount } from './rate-limit-store';

/**
 * The store's semantics in one process, for unit tests of what builds on limiters. Never a
 * deployment's store: it forgets on restart and each node would count alone.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { startedAt: number; hits: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  hit(limiter: string, key: Buffer, windowMs: number): Promise<WindowCount> {
    const now = this.now();
    const id = `${limiter}:${key.toString('hex')}`;
    let window = this.windows.get(id);
    if (!window || now - window.startedAt >= windowMs) {
      window = { startedAt: now, hits: 0 };
      this.windows.set(id, window);
    }
    window.hits += 1;
    return Promise.resolve({ hits: window.hits, resetsInMs: window.startedAt + windowMs - now });
  }

  forget(limiter: string, key: Buffer): Promise<void> {
    this.windows.delete(`${limiter}:${key.toString('hex')}`);
    return Promise.resolve();
  }
}
