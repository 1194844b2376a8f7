import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config';
import type { LocalSecrets } from '../config/local-secrets';
import { EmbeddedPostgresServer } from './embedded-postgres';
import { provisionRuntimeRole, runMigrations } from './prepare-database';

export interface DatabaseLocation {
  /** The schema owner: migrations only. */
  ownerUrl: string;
  /** The runtime role, subject to row-level security: everything the app does. */
  appUrl: string;
  /** Present when we started PostgreSQL ourselves; stopped last on shutdown. */
  embedded?: EmbeddedPostgresServer;
}

const DATABASE_NAME = 'vetmeet';
const LOCAL_RUNTIME_ROLE = 'vetmeet_runtime';

/**
 * DATABASE_URL when given, otherwise an embedded PostgreSQL keeping its data in DATA_DIR;
 * migrated, and with the runtime role the app connects as (DATABASE_APP_URL, or one we
 * make locally).
 */
export async function resolveDatabase(config: AppConfig, localSecrets: LocalSecrets | undefined, logger: Logger): Promise<DatabaseLocation> {
  let embedded: EmbeddedPostgresServer | undefined;
  let ownerUrl = config.DATABASE_URL;
  if (!ownerUrl) {
    // Validation demands DATABASE_URL in production, so local secrets exist here.
    if (!localSecrets) throw new Error('An embedded PostgreSQL needs the local secrets of a non-production run.');
    const startedAt = Date.now();
    embedded = await EmbeddedPostgresServer.start({
      dataDir: join(resolve(config.DATA_DIR), 'postgres'),
      port: config.EMBEDDED_POSTGRES_PORT,
      superuserPassword: localSecrets.embeddedPostgresPassword,
      onLog: (line) => logger.debug({ component: 'embedded-postgres' }, line),
    });
    await embedded.ensureDatabase(DATABASE_NAME);
    ownerUrl = embedded.connectionUrl(DATABASE_NAME);
    logger.info({ port: config.EMBEDDED_POSTGRES_PORT, ms: Date.now() - startedAt }, 'embedded PostgreSQL ready');
  }
  try {
    await runMigrations(ownerUrl);
    const appUrl =
      config.DATABASE_APP_URL ??
      (await provisionRuntimeRole(ownerUrl, { role: LOCAL_RUNTIME_ROLE, password: requireSecrets(localSecrets).runtimeDatabasePassword }));
    return { ownerUrl, appUrl, embedded };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}

function requireSecrets(secrets: LocalSecrets | undefined): LocalSecrets {
  if (!secrets) throw new Error('DATABASE_APP_URL is required when the runtime role cannot be provisioned locally.');
  return secrets;
}
