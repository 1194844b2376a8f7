import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DatabaseContext } from '../database/database-context';

/** One key for every app node on a database: only one of them seeds the demo. */
const SEED_LOCK = 'vetmeet:demo-seed';

/** What the demo seed reads for itself: its lock, and whether an address already has an account. */
@Injectable()
export class DemoSeedRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly db: DatabaseContext,
  ) {}

  /**
   * Runs `work` holding a PostgreSQL session advisory lock that every node starting on this
   * database asks for: a second node waits, then finds the demo there and leaves it alone.
   */
  async whileLocked<T>(work: () => Promise<T>): Promise<T> {
    const session = this.dataSource.createQueryRunner();
    await session.connect();
    try {
      await session.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [SEED_LOCK]);
      return await work();
    } finally {
      // The pooled connection must not keep the lock.
      await session.query('SELECT pg_advisory_unlock_all()').catch(() => undefined);
      await session.release().catch(() => undefined);
    }
  }

  /** Through the sign-in lookup, which nobody's row-level security hides (it reads no more than this). */
  async accountExists(email: string): Promise<boolean> {
    const rows = await this.db.runAs(null, (manager) =>
      manager.query<unknown[]>('SELECT 1 FROM auth_credentials_for_email($1)', [email]),
    );
    return rows.length > 0;
  }
}
