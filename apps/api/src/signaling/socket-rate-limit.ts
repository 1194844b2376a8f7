import { ErrorCode } from '@vetmeet/contracts';
import type { Socket } from 'socket.io';

export interface TokenBucketOptions {
  /** Messages a socket may send at once after being quiet. */
  burst: number;
  /** Messages per second it may keep sending. */
  perSecond: number;
}

/** A token bucket: `burst` at once, refilled at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly options: TokenBucketOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = options.burst;
    this.refilledAt = now();
  }

  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.options.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.options.perSecond);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * Per-socket message limits, checked before any handler runs: a general bucket for every
 * event and tighter ones for events that cost more (a chat message is a database write).
 * A message over the limit is answered RATE_LIMITED through its acknowledgement and dropped;
 * the socket stays connected, so a burst of retries cannot cost someone their call.
 * These buckets stay in this process on purpose, unlike the shared RateLimits: they measure one
 * connection, which lives on one node and ends with it, so there is nothing to share or remember.
 */
export function limitSocketMessages(socket: Socket, general: TokenBucketOptions, perEvent: Record<string, TokenBucketOptions> = {}): void {
  const generalBucket = new TokenBucket(general);
  const eventBuckets = new Map(Object.entries(perEvent).map(([event, options]) => [event, new TokenBucket(options)]));
  socket.use((packet, next) => {
    const [event] = packet;
    const eventBucket = eventBuckets.get(String(event));
    if (generalBucket.take() && (eventBucket?.take() ?? true)) return next();
    const ack = packet.at(-1);
    const error = { code: ErrorCode.RateLimited, message: 'Too many messages. Slow down a little.' };
    if (typeof ack === 'function') ack({ ok: false, error });
  });
}
