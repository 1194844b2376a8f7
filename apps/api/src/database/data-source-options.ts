import type { DataSourceOptions } from 'typeorm';
import { migrations } from './migrations';
import { SLOW_QUERY_MS, StructuredTypeOrmLogger } from './typeorm-logger';

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
    logging: ['error', 'warn', 'migration'],
    logger: new StructuredTypeOrmLogger(),
    maxQueryExecutionTime: SLOW_QUERY_MS,
    extra: { max: 10, connectionTimeoutMillis: 5_000 },
    applicationName: 'vetmeet-api',
  };
}
