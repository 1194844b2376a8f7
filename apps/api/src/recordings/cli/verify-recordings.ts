/**
 * `npm run recordings:verify -- <manifests.json>`: checks stored recording segments against
 * their manifests (every chunk authenticates, sizes, chunk count and tag digest match), so
 * any changed, removed or reordered chunk is found. For now the manifests come from a JSON
 * file, `[{ "manifest": SegmentManifest, "wrappedKey": base64, "keyContext": "recording:<uuid>" }]`;
 * the database will be the source. Uses the app's configuration (MASTER_KEYS, STORAGE_*).
 * Exit 0 all intact, 1 some damaged, 2 could not run.
 */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { MasterKeyRing } from '@vetmeet/crypto';
import { loadConfig } from '../../config/load-config';
import { withLocalSecrets } from '../../config/local-secrets';
import { createObjectStorage } from '../../storage/storage.module';
import type { SegmentManifest } from '../storage/segment-manifest';
import { verifySegments } from '../storage/verify-segments';

interface ManifestEntry {
  manifest: SegmentManifest;
  wrappedKey: string;
  keyContext: string;
}

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) throw new Error('usage: recordings:verify <manifests.json>');
  const entries = JSON.parse(readFileSync(file, 'utf8')) as ManifestEntry[];
  const { config } = withLocalSecrets(loadConfig(process.env));
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

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`recordings verification failed to run: ${message}\n`);
    process.exit(2);
  },
);
