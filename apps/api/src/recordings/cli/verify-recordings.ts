/**
 * `npm run recordings:verify`: checks every stored recording segment against the manifest its
 * row keeps (every chunk authenticates, sizes, chunk count and tag digest match), so any
 * changed, removed or reordered chunk, and any missing object, is found. Reads the database as
 * the schema owner (as audit:verify does) and the store with the app's configuration
 * (MASTER_KEYS, STORAGE_*). `-- <manifests.json>` checks the manifests of a file instead:
 * `[{ "manifest": SegmentManifest, "wrappedKey": base64, "keyContext": "recording:<uuid>" }]`.
 * Exit 0 all intact, 1 some damaged, 2 could not run.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { MasterKeyRing } from '@vetmeet/crypto';
import type { AppConfig } from '../../config/app-config';
import { loadConfig } from '../../config/load-config';
import { connectAsSchemaOwner } from '../../database/cli/schema-owner-connection';
import { withLocalSecrets } from '../../config/local-secrets';
import { createObjectStorage } from '../../storage/storage.module';
import { recordingKeyContext } from '../recording-keys';
import type { SegmentManifest } from '../storage/segment-manifest';
import { storedSegments } from './stored-segments';
import { verifySegments } from '../storage/verify-segments';

interface ManifestEntry {
  manifest: SegmentManifest;
  wrappedKey: string;
  keyContext: string;
}

async function main(): Promise<number> {
  const file = process.argv[2];
  const { config } = withLocalSecrets(loadConfig(process.env));
  const entries = file ? (JSON.parse(readFileSync(file, 'utf8')) as ManifestEntry[]) : await entriesFromDatabase(config);
  const ring = MasterKeyRing.fromConfig(String(config.MASTER_KEYS));
  const storage = createObjectStorage(config);
  const report = await verifySegments(
    storage,
    entries.map(({ manifest, wrappedKey, keyContext }) => ({
      manifest,
      dataKey: () => ring.unwrap(Buffer.from(wrappedKey, 'base64'), keyContext),
    })),
  );
  for (const { key, problem, detail } of report.failures) {
    process.stdout.write(`DAMAGED ${key}: ${problem} (${detail})\n`);
  }
  process.stdout.write(`${report.checked} segments checked, ${report.failures.length} damaged\n`);
  return report.failures.length === 0 ? 0 : 1;
}

/** The manifests as the database keeps them, one per finalized segment of every recording not shredded. */
async function entriesFromDatabase(config: AppConfig): Promise<ManifestEntry[]> {
  const connection = await connectAsSchemaOwner(config);
  try {
    const rows = await storedSegments(connection.client);
    return rows.map(({ recordingId, wrappedDataKey, manifest }) => ({
      manifest,
      wrappedKey: wrappedDataKey.toString('base64'),
      keyContext: recordingKeyContext(recordingId),
    }));
  } finally {
    await connection.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`recordings verification failed to run: ${message}\n`);
    process.exit(2);
  },
);
