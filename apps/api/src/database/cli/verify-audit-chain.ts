/**
 * `npm run audit:verify`: checks that no audit event was edited, removed or inserted out of
 * band. Connects as the schema owner: DATABASE_URL, or the embedded PostgreSQL of DATA_DIR
 * (started for the check when the app is not running). Exit 0 intact, 1 broken, 2 error.
 */
import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { verifyAuditChain } from '../../audit/audit-chain';
import { loadConfig } from '../../config/load-config';
import { loadOrCreateLocalSecrets } from '../../config/local-secrets';
import { EmbeddedPostgresServer } from '../embedded-postgres';

async function main(): Promise<number> {
  const config = loadConfig(process.env);
  let url = config.DATABASE_URL;
  let embedded: EmbeddedPostgresServer | undefined;
  if (!url) {
    const dataDir = resolve(config.DATA_DIR);
    const secrets = loadOrCreateLocalSecrets(dataDir);
    const probe = new Client({ connectionString: `postgres://postgres:${encodeURIComponent(secrets.embeddedPostgresPassword)}@127.0.0.1:${config.EMBEDDED_POSTGRES_PORT}/vetmeet` });
    const running = await probe.connect().then(
      () => probe.end().then(() => true),
      () => false,
    );
    if (!running) {
      embedded = await EmbeddedPostgresServer.start({ dataDir: join(dataDir, 'postgres'), port: config.EMBEDDED_POSTGRES_PORT, superuserPassword: secrets.embeddedPostgresPassword });
    }
    url = `postgres://postgres:${encodeURIComponent(secrets.embeddedPostgresPassword)}@127.0.0.1:${config.EMBEDDED_POSTGRES_PORT}/vetmeet`;
  }
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const report = await verifyAuditChain(client);
    if (report.firstBrokenAt) {
      process.stdout.write(`audit chain BROKEN at event ${report.firstBrokenAt} (${report.reason}); ${report.events} events before it verified\n`);
      return 1;
    }
    process.stdout.write(`audit chain intact: ${report.events} events verified${report.lastHash ? `, head ${report.lastHash}` : ''}\n`);
    return 0;
  } finally {
    await client.end();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`audit verification failed to run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
