import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import type { DataKey } from '@vetmeet/crypto';
import { readDecrypted } from '../../../apps/api/src/attachments/encrypted-body';
import { LocalDiskStorage } from '../../../apps/api/src/storage/local-disk-storage';
import type { ObjectStorage } from '../../../apps/api/src/storage/object-storage';
import { FAKE_S3_ACCESS_KEY_ID, FAKE_S3_BUCKET, FakeS3, fakeS3Storage } from '../fake-s3';
import { filesContaining } from './media-tools';

/** A stored segment read back the way playback reads it (readDecrypted, format v1). */
export async function playback(storage: ObjectStorage, key: string, dataKey: DataKey): Promise<Buffer> {
  const read = await readDecrypted(storage, key, dataKey, undefined);
  if (read.kind !== 'body') throw new Error('expected a body');
  return buffer(read.body);
}

export interface Driver {
  readonly name: string;
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
  /** The store as a (re)started process sees it. */
  storage(): ObjectStorage;
  /** The local folder the store lives in (local disk only). */
  root?: () => string;
  /** Environment for the crash-test child to reach the same store. */
  childEnv(): Record<string, string>;
  /** Where plaintext would show if it were ever stored: every file and every object and part. */
  storedContaining(needle: Buffer): string[];
}

export function localDriver(): Driver & { root: () => string } {
  let root = '';
  return {
    name: 'local disk',
    setUp: async () => void (root = mkdtempSync(join(tmpdir(), 'vetmeet-rec-'))),
    tearDown: async () => rmSync(root, { recursive: true, force: true }),
    storage: () => new LocalDiskStorage(root),
    root: () => root,
    childEnv: () => ({ JOURNAL_DRIVER: 'local', STORAGE_ROOT: root }),
    storedContaining: (needle) => filesContaining(root, needle),
  };
}

export function s3Driver(): Driver {
  const s3 = new FakeS3();
  let spool = '';
  return {
    name: 'S3 (fake)',
    setUp: async () => {
      spool = mkdtempSync(join(tmpdir(), 'vetmeet-rec-spool-'));
      await s3.start();
    },
    tearDown: async () => {
      await s3.stop();
      rmSync(spool, { recursive: true, force: true });
    },
    storage: () => fakeS3Storage(s3, spool),
    childEnv: () => ({
      JOURNAL_DRIVER: 's3',
      ...{ S3_URL: s3.url, S3_BUCKET: FAKE_S3_BUCKET, S3_ACCESS_KEY_ID: FAKE_S3_ACCESS_KEY_ID, SPOOL_DIR: spool },
    }),
    storedContaining: (needle) => [
      ...filesContaining(spool, needle),
      ...[...s3.objects].filter(([, body]) => body.includes(needle)).map(([key]) => `s3:${key}`),
      ...[...s3.uploads.values()].flatMap(({ key, parts }) =>
        [...parts.values()].filter((part) => part.includes(needle)).map(() => `s3 part of ${key}`),
      ),
    ],
  };
}
