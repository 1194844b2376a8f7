import { mkdtempSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { EmbeddedPostgresServer } from '../../apps/api/src/database/embedded-postgres';
import { freePort } from './free-port';

declare global {
  var __vetmeetTestPostgres: { server: EmbeddedPostgresServer; dataDir: string } | undefined;
}

/**
 * One real PostgreSQL for the whole run, in a throw-away folder under /tmp (reachable by
 * the postgres user wherever the project is cloned). Each suite gets a fresh database in
 * it (test/support/test-database.ts). Workers find it through TEST_POSTGRES_ADMIN_URL.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_POSTGRES_ADMIN_URL) return;
  const dataRoot = mkdtempSync('/tmp/vetmeet-test-pg-');
  chmodSync(dataRoot, 0o711);
  const dataDir = join(dataRoot, 'data');
  const server = await EmbeddedPostgresServer.start({ dataDir, port: await freePort(), superuserPassword: 'test-only-password' });
  globalThis.__vetmeetTestPostgres = { server, dataDir: dataRoot };
  process.env.TEST_POSTGRES_ADMIN_URL = server.connectionUrl();
}
