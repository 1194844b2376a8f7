import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { DecryptionErrorCode, MasterKeyRing, createEncryptStream, generateDataKey } from '@vetmeet/crypto';
import { SegmentWithoutMediaError, finalizeSegment } from '../../apps/api/src/recordings/storage/finalize-segment';
import { SegmentJournalWriter } from '../../apps/api/src/recordings/storage/segment-journal-writer';
import { segmentKeys } from '../../apps/api/src/recordings/storage/segment-keys';
import { verifySegment, type SegmentManifest } from '../../apps/api/src/recordings/storage/segment-manifest';
import { verifySegments } from '../../apps/api/src/recordings/storage/verify-segments';
import type { LocalDiskStorage } from '../../apps/api/src/storage/local-disk-storage';
import { webmClip } from '../support/recording/media-tools';
import { localDriver, playback } from '../support/recording/segment-stores';

const SEALED = 64 * 1024 + 16;
/** Header (64 bytes), then sealed chunks: the stored v1 layout that the tampering below edits. */
const chunk = (bytes: Buffer, index: number) => bytes.subarray(64 + index * SEALED, 64 + (index + 1) * SEALED);
const before = (bytes: Buffer, index: number) => bytes.subarray(0, 64 + index * SEALED);
const from = (bytes: Buffer, index: number) => bytes.subarray(64 + index * SEALED);
const flipBit = (bytes: Buffer, at: number) => Buffer.from(bytes).fill(bytes[at] ^ 1, at, at + 1);

describe('a finalized segment at rest, tampered with', () => {
  const driver = localDriver();
  let storage: LocalDiskStorage;
  const dataKey = generateDataKey();
  const keys = segmentKeys(randomUUID(), randomUUID());
  let original: Buffer;
  let manifest: SegmentManifest;
  let clip: Buffer;

  beforeAll(async () => {
    clip = await webmClip(6);
    await driver.setUp();
    storage = driver.storage() as LocalDiskStorage;
    const writer = await SegmentJournalWriter.open(storage, keys.journalKey, dataKey);
    writer.end(clip);
    ({ manifest } = await finalizeSegment({ storage, dataKey, keys, journalManifest: await writer.manifest() }));
    original = await buffer(await storage.get(keys.finalKey));
    expect(manifest.chunkCount).toBeGreaterThanOrEqual(4);
  });
  afterAll(() => driver.tearDown());

  const store = (bytes: Buffer) => writeFileSync(storage.pathOf(keys.finalKey), bytes);

  it.each<[string, (bytes: Buffer) => Buffer, string]>([
    ['a flipped byte', (bytes) => flipBit(bytes, 100_000), 'corrupt'],
    ['a dropped chunk', (bytes) => Buffer.concat([before(bytes, 1), from(bytes, 2)]), 'corrupt'],
    ['swapped chunks', (b) => Buffer.concat([before(b, 1), chunk(b, 2), chunk(b, 1), from(b, 3)]), 'corrupt'],
    ['a cut-off final chunk', (bytes) => before(bytes, 2), 'truncated'],
    ['an extra chunk', (bytes) => Buffer.concat([bytes, chunk(bytes, 1)]), 'corrupt'],
  ])('detects %s (verify) and playback refuses it', async (_what, tamper, problem) => {
    store(tamper(original));
    expect(await verifySegment(manifest, storage, keys.finalKey, dataKey)).toMatchObject({ ok: false, problem });
    await expect(playback(storage, keys.finalKey, dataKey)).rejects.toThrow();
    store(original);
    expect(await verifySegment(manifest, storage, keys.finalKey, dataKey)).toEqual({ ok: true });
  });

  it('detects the object replaced by another well-formed one under the same key (tag digest)', async () => {
    const plaintext = await playback(storage, keys.finalKey, dataKey);
    await storage.put(keys.finalKey, Readable.from([plaintext]).pipe(createEncryptStream(dataKey)));
    const verified = await verifySegment(manifest, storage, keys.finalKey, dataKey);
    expect(verified).toMatchObject({ ok: false, problem: 'tag-digest-mismatch' });
    store(original);
  });

  it('verifySegments (what recordings:verify runs) lists each damaged segment and an unusable key', async () => {
    store(flipBit(original, 70_000));
    const report = await verifySegments(storage, [
      { manifest, dataKey: () => dataKey },
      {
        manifest,
        dataKey: () => {
          throw new Error('The wrapped key does not open.');
        },
      },
    ]);
    store(original);
    expect(report).toEqual({
      checked: 2,
      failures: [
        { key: keys.finalKey, problem: 'corrupt', detail: expect.any(String) },
        { key: keys.finalKey, problem: 'key-unusable', detail: 'The wrapped key does not open.' },
      ],
    });
    expect(await verifySegments(storage, [{ manifest, dataKey: () => dataKey }])).toEqual({ checked: 1, failures: [] });
  });

  it('npm run recordings:verify exits 0 on intact segments, 1 naming a damaged one', async () => {
    const masterKey = randomBytes(32).toString('base64');
    const ring = MasterKeyRing.fromConfig(`k1:${masterKey}`);
    const context = `recording:${randomUUID()}`;
    const manifests = join(driver.root(), 'manifests.json');
    const wrappedKey = ring.wrap(dataKey, context).toString('base64');
    writeFileSync(manifests, JSON.stringify([{ manifest, wrappedKey, keyContext: context }]));
    const cli = () =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const script = ['-r', './bench/sfu/register-ts.cjs', 'apps/api/src/recordings/cli/verify-recordings.ts'];
        const root = driver.root();
        const settings = { MASTER_KEYS: `k1:${masterKey}`, STORAGE_DIR: root, DATA_DIR: join(root, 'data') };
        const child = spawn(process.execPath, [...script, manifests], {
          env: { ...process.env, ...settings, NODE_ENV: 'test' },
        });
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
        child.once('close', (code) => resolve({ code, out }));
      });
    expect(await cli()).toEqual({ code: 0, out: '1 segments checked, 0 damaged\n' });
    store(flipBit(original, 90_000));
    const damaged = await cli();
    store(original);
    expect(damaged.code).toBe(1);
    expect(damaged.out).toContain(`DAMAGED ${keys.finalKey}: corrupt`);
  });

  it.each([0, 300])('will not finalize %p bytes of WebM: no media (SegmentWithoutMediaError)', async (bytes) => {
    const empty = segmentKeys(randomUUID(), randomUUID());
    const writer = await SegmentJournalWriter.open(storage, empty.journalKey, dataKey);
    writer.end(clip.subarray(0, bytes));
    const journalManifest = await writer.manifest();
    const finalizing = finalizeSegment({ storage, dataKey, keys: empty, journalManifest });
    await expect(finalizing).rejects.toBeInstanceOf(SegmentWithoutMediaError);
    await expect(storage.stat(empty.scratchKey)).rejects.toThrow();
  });

  it('will not finalize a journal that is not what its writer sealed (CORRUPT), and keeps it', async () => {
    const damaged = segmentKeys(randomUUID(), randomUUID());
    const writer = await SegmentJournalWriter.open(storage, damaged.journalKey, dataKey);
    writer.end(clip);
    const journalManifest = await writer.manifest();
    const path = storage.pathOf(damaged.journalKey);
    writeFileSync(path, flipBit(await buffer(await storage.get(damaged.journalKey)), 100_000));
    const finalizing = finalizeSegment({ storage, dataKey, keys: damaged, journalManifest });
    await expect(finalizing).rejects.toMatchObject({ code: DecryptionErrorCode.Corrupt });
    expect((await storage.stat(damaged.journalKey)).size).toBe(journalManifest.storedBytes);
    await expect(storage.stat(damaged.finalKey)).rejects.toThrow();
  });

  it('reports a missing object', async () => {
    const elsewhere = segmentKeys(randomUUID(), randomUUID()).finalKey;
    expect(await verifySegment(manifest, storage, elsewhere, dataKey)).toMatchObject({ ok: false, problem: 'missing' });
  });
});
