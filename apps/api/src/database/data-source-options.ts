import type { DataSourceOptions } from 'typeorm';
import { migrations } from './migrations';

/**
 * The one place that says how we talk to PostgreSQL. The schema changes only through
 * migrations, which run at start; `synchronize` would let entity edits silently alter
 * production tables.
 */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [],
    migrations,
    migrationsRun: true,
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: ['error', 'migration'],
    extra: { max: 10, connectionTimeoutMillis: 5_000 },
    applicationName: 'vetmeet-api',
  };
}
