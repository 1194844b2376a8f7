/** A key's fixed window as the store counted it, this hit included. */
export interface WindowCount {
  hits: number;
  /** Milliseconds until the window ends and the key starts from zero again. */
  resetsInMs: number;
}

/**
 * Where limiters keep their counters. Every node of a deployment shares one store (PostgreSQL,
 * or Redis when configured), so a restart forgets nothing and a second node does not double a
 * budget. Keys arrive already hashed (RateLimitKeys): a store never sees an address or e-mail.
 */
export interface RateLimitStore {
  /** Counts one hit atomically: starts a new window of `windowMs` when there is none or it is over. */
  hit(limiter: string, key: Buffer, windowMs: number): Promise<WindowCount>;
  /** Forgets a key's window, e.g. after a right answer. */
  forget(limiter: string, key: Buffer): Promise<void>;
}

export const RATE_LIMIT_STORE = Symbol('RateLimitStore');
