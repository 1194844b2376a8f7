import { join, resolve } from 'node:path';
import { Client } from 'pg';
import type { AppConfig } from '../../config/app-config';
import { loadOrCreateLocalSecrets } from '../../config/local-secrets';
import { EmbeddedPostgresServer } from '../embedded-postgres';

export interface SchemaOwnerConnection {
  readonly client: Client;
  /** The same connection's URL, for a command that opens a data source of its own. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * For the operator's checks (audit:verify, recordings:verify), which read past row-level
 * security: DATABASE_URL, or the embedded PostgreSQL of DATA_DIR (started for the check when
 * the app is not running, and stopped after).
 */
export async function connectAsSchemaOwner(config: AppConfig): Promise<SchemaOwnerConnection> {
  let url = config.DATABASE_URL;
  let embedded: EmbeddedPostgresServer | undefined;
  if (!url) {
    const dataDir = resolve(config.DATA_DIR);
    const secrets = loadOrCreateLocalSecrets(dataDir);
    url = `postgres://postgres:${encodeURIComponent(secrets.embeddedPostgresPassword)}@127.0.0.1:${config.EMBEDDED_POSTGRES_PORT}/vetmeet`;
    const probe = new Client({ connectionString: url });
    const running = await probe.connect().then(
      () => probe.end().then(() => true),
      () => false,
    );
    if (!running) {
      embedded = await EmbeddedPostgresServer.start({
        dataDir: join(dataDir, 'postgres'),
        port: config.EMBEDDED_POSTGRES_PORT,
        superuserPassword: secrets.embeddedPostgresPassword,
      });
    }
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    client,
    url,
    close: async () => {
      await client.end();
      await embedded?.stop();
    },
  };
}
