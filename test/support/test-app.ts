import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '../../apps/api/src/config/app-config';
import { loadConfig } from '../../apps/api/src/config/load-config';
import { createApp } from '../../apps/api/src/create-app';
import { provisionRuntimeRole, runMigrations } from '../../apps/api/src/database/prepare-database';
import { claimPortBlock } from './port-block';
import { createTestDatabase, type TestDatabase } from './test-database';

/** The highest MEDIA_RTC_PORT the config accepts (apps/api/src/config/app-config.ts). */
const MEDIA_RTC_PORT_MAX = 65000;

/** The cluster-wide runtime login the tests share: a member of vetmeet_app, like production's. */
export const TEST_RUNTIME_LOGIN = { role: 'vetmeet_runtime_test', password: 'test-runtime-password' };

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  database: TestDatabase;
  baseUrl: string;
  /** Stops the app and drops its database, unless `keepDatabase` (for a restart on it). */
  close(options?: { keepDatabase?: boolean }): Promise<void>;
}

/**
 * The real application on a fresh database, listening on a free loopback port, with one
 * mediasoup worker unless a test asks for more. Settings come from the same validated
 * config class as production. A test that needs its address before the start (PUBLIC_URL,
 * so e-mailed links open this app) picks the port itself with freePort(). A test of what several
 * app nodes share passes another app's `database`: this app then leaves it in place on close. A
 * restart is a second app on the first one's database (closed with keepDatabase) and port, where
 * the signed-in agents of the first still work.
 */
export async function startTestApp(
  settings: Record<string, string> = {},
  { port = 0, database: shared }: { port?: number; database?: TestDatabase } = {},
): Promise<TestApp> {
  const database = shared ?? (await createTestDatabase());
  const objects = mkdtempSync(join(tmpdir(), 'vetmeet-objects-'));
  // Each media worker listens on MEDIA_RTC_PORT + its index, over UDP and TCP: a claimed block
  // above the ephemeral range, since a free ephemeral TCP port may be another process's UDP port.
  const mediaPorts = await claimPortBlock(Number(settings.MEDIA_WORKERS ?? 1), { highest: MEDIA_RTC_PORT_MAX });
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    MEDIA_WORKERS: '1',
    MEDIA_LOG_LEVEL: 'error',
    MEDIA_RTC_PORT: String(mediaPorts.first),
    STORAGE_DIR: objects,
    DEV_MEDIA_LOOPBACK: 'true',
    SESSION_SECRET: 'test-session-secret-that-is-long-enough-0123456789',
    // A fixed test-only key: 32 bytes of 0x01.
    MASTER_KEYS: `test1:${Buffer.alloc(32, 1).toString('base64')}`,
    // Tests run the consultation sweep directly (ConsultationSweep.sweep), never behind their back.
    CONSULTATION_SWEEP_SECONDS: '0',
    BOOKING_SWEEP_SECONDS: '0',
    // Booking emails too: tests call NotificationSender.sendDue() (or set a poll interval themselves).
    NOTIFICATION_POLL_SECONDS: '0',
    // Every request of a suite comes from 127.0.0.1: the global HTTP budgets still count (in this
    // suite's database) but are out of reach; the rate-limit suite sets small ones.
    RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000000',
    RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: '1000000',
    ...settings,
  });
  await runMigrations(database.url);
  const appUrl = await provisionRuntimeRole(database.url, TEST_RUNTIME_LOGIN);
  // The schema owner's URL reaches only the demo seed's temporary clinic seam, and only with DEMO_DATA on.
  const app = await createApp(config, appUrl, undefined, { schemaOwnerUrl: database.url });
  await app.listen(port, '127.0.0.1');
  const address = app.getHttpServer().address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    app,
    config,
    database,
    baseUrl,
    close: async ({ keepDatabase = false } = {}) => {
      await app.close();
      if (!shared && !keepDatabase) await database.drop();
      rmSync(objects, { recursive: true, force: true });
      mediaPorts.release();
    },
  };
}
