import { Logger, type OnModuleDestroy } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { loggableError } from '../common/errors/loggable-error';
import type { RateLimitStore, WindowCount } from './rate-limit-store';

/** Often enough that windows that are over (most of them a minute long) never pile up. */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * The limiters' counters in PostgreSQL (rate_limit_windows, through the rate_limit_* functions of
 * rate-limits.schema.ts). Each call is one autocommitted statement on the pool, never inside the
 * caller's transaction: a hit must count even when the request's work is rolled back (a wrong
 * code), and it needs no acting scope since the functions are all the runtime role may use.
 */
export class PostgresRateLimitStore implements RateLimitStore, OnModuleDestroy {
  private readonly logger = new Logger(PostgresRateLimitStore.name);
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {
    this.sweeper = setInterval(() => void this.sweepQuietly(), SWEEP_INTERVAL_MS).unref();
  }

  async hit(limiter: string, key: Buffer, windowMs: number): Promise<WindowCount> {
    const [row] = await this.dataSource.query<{ hits: number; resets_in_ms: number }[]>(
      'SELECT hits, resets_in_ms FROM rate_limit_hit($1, $2, $3)',
      [limiter, key, windowMs],
    );
    return { hits: row.hits, resetsInMs: row.resets_in_ms };
  }

  async forget(limiter: string, key: Buffer): Promise<void> {
    await this.dataSource.query('SELECT rate_limit_forget($1, $2)', [limiter, key]);
  }

  /** Removes windows that are over; answers how many. Every node sweeps; doing it twice is harmless. */
  async sweep(): Promise<number> {
    const [row] = await this.dataSource.query<{ swept: number }[]>('SELECT rate_limit_sweep() AS swept');
    return row.swept;
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  private async sweepQuietly(): Promise<void> {
    try {
      await this.sweep();
    } catch (error) {
      this.logger.warn({ err: loggableError(error) }, 'rate limit sweep failed; the next one retries');
    }
  }
}
