import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config';
import type { LocalSecrets } from '../config/local-secrets';
import { EmbeddedPostgresServer } from './embedded-postgres';

export interface DatabaseLocation {
  url: string;
  /** Present when we started PostgreSQL ourselves; stopped last on shutdown. */
  embedded?: EmbeddedPostgresServer;
}

const DATABASE_NAME = 'vetmeet';

/** DATABASE_URL when given; otherwise an embedded PostgreSQL that keeps its data in DATA_DIR. */
export async function resolveDatabase(config: AppConfig, localSecrets: LocalSecrets | undefined, logger: Logger): Promise<DatabaseLocation> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL };
  // Validation demands DATABASE_URL in production, so local secrets exist here.
  if (!localSecrets) throw new Error('An embedded PostgreSQL needs the local secrets of a non-production run.');

  const dataDir = resolve(config.DATA_DIR);
  const startedAt = Date.now();
  const embedded = await EmbeddedPostgresServer.start({
    dataDir: join(dataDir, 'postgres'),
    port: config.EMBEDDED_POSTGRES_PORT,
    superuserPassword: localSecrets.embeddedPostgresPassword,
    onLog: (line) => logger.debug({ component: 'embedded-postgres' }, line),
  });
  await embedded.ensureDatabase(DATABASE_NAME);
  logger.info({ port: config.EMBEDDED_POSTGRES_PORT, ms: Date.now() - startedAt }, 'embedded PostgreSQL ready');
  return { url: embedded.connectionUrl(DATABASE_NAME), embedded };
}
