import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import { Redis } from 'ioredis';
import { retryLater } from '../common/errors/app-error';
import { loggableError } from '../common/errors/loggable-error';
import type { RateLimitStore, WindowCount } from './rate-limit-store';

/**
 * One hit, atomically (a script runs alone): the first hit of a window sets its expiry, so Redis
 * itself forgets windows that are over. A key somehow left without expiry gets one.
 */
const HIT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if hits == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {hits, ttl}`;

type RedisWithHit = Redis & { rateLimitHit(key: string, windowMs: number): Promise<[number, number]> };

/**
 * The limiters' counters in Redis (REDIS_URL), for deployments that scale out. Commands fail at
 * once while Redis is unreachable rather than queue: a request then answers 503 with Retry-After
 * instead of hanging, and the outage is logged.
 */
export class RedisRateLimitStore implements RateLimitStore, OnModuleDestroy {
  private readonly logger = new Logger(RedisRateLimitStore.name);

  private constructor(private readonly redis: RedisWithHit) {}

  /** Connected, or it throws: a configured Redis that cannot be reached stops the start. */
  static async connect(url: string): Promise<RedisRateLimitStore> {
    const redis = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 5_000,
    });
    redis.defineCommand('rateLimitHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    // ioredis reports every failed reconnect as an 'error' event; without a listener Node would crash on it.
    redis.on('error', () => undefined);
    try {
      await redis.connect();
    } catch (error) {
      // Else ioredis keeps reconnecting on its timers and the process never exits.
      redis.disconnect();
      throw error;
    }
    return new RedisRateLimitStore(redis as RedisWithHit);
  }

  async hit(limiter: string, key: Buffer, windowMs: number): Promise<WindowCount> {
    const hit = () => this.redis.rateLimitHit(keyOf(limiter, key), windowMs);
    const [hits, resetsInMs] = await this.unlessUnreachable(hit);
    return { hits, resetsInMs };
  }

  async forget(limiter: string, key: Buffer): Promise<void> {
    await this.unlessUnreachable(() => this.redis.del(keyOf(limiter, key)));
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private async unlessUnreachable<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      this.logger.warn({ err: loggableError(error) }, 'rate limit store (Redis) did not answer');
      throw retryLater(ErrorCode.ServiceUnavailable, 1);
    }
  }
}

const keyOf = (limiter: string, key: Buffer) => `vetmeet:rate-limit:${limiter}:${key.toString('base64url')}`;
