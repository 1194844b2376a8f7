/**
 * `npm run audit:verify`: checks that no audit event was edited, removed or inserted out of
 * band. Connects as the schema owner: DATABASE_URL, or the embedded PostgreSQL of DATA_DIR
 * (started for the check when the app is not running). Exit 0 intact, 1 broken, 2 error.
 */
import 'reflect-metadata';
import { verifyAuditChain } from '../../audit/audit-chain';
import { loadConfig } from '../../config/load-config';
import { connectAsSchemaOwner } from './schema-owner-connection';

async function main(): Promise<number> {
  const connection = await connectAsSchemaOwner(loadConfig(process.env));
  try {
    const report = await verifyAuditChain(connection.client);
    if (report.firstBrokenAt) {
      process.stdout.write(`audit chain BROKEN at event ${report.firstBrokenAt} (${report.reason}); ${report.events} events before it verified\n`);
      return 1;
    }
    process.stdout.write(`audit chain intact: ${report.events} events verified${report.lastHash ? `, head ${report.lastHash}` : ''}\n`);
    return 0;
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`audit verification failed to run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
