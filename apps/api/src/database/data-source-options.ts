import type { DataSourceOptions } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';
import { SLOW_QUERY_MS, StructuredTypeOrmLogger } from './typeorm-logger';

const common = (url: string, applicationName: string): DataSourceOptions => ({
  type: 'postgres',
  url,
  entities,
  // The schema changes only through migrations: `synchronize` would let an entity edit
  // silently alter production tables.
  synchronize: false,
  logging: ['error', 'warn', 'migration'],
  logger: new StructuredTypeOrmLogger(),
  maxQueryExecutionTime: SLOW_QUERY_MS,
  applicationName,
});

/** As the role that owns the schema: runs migrations, nothing else. */
export function ownerDataSourceOptions(url: string): DataSourceOptions {
  return { ...common(url, 'vetmeet-migrations'), migrations, migrationsRun: false, migrationsTransactionMode: 'each', extra: { max: 2 } };
}

/**
 * As the runtime role, which owns no table and cannot bypass row-level security: every
 * query the app makes while serving people goes through this one. poolSize is DATABASE_POOL_SIZE;
 * tests that open their own runtime connection take the same default.
 */
export function appDataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return { ...common(url, 'vetmeet-api'), migrations: [], migrationsRun: false, extra: { max: poolSize, connectionTimeoutMillis: 5_000 } };
}
