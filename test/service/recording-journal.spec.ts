import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { MasterKeyRing, createEncryptStream, generateDataKey } from '@vetmeet/crypto';
import { readDecrypted } from '../../apps/api/src/attachments/encrypted-body';
import { SegmentWithoutMediaError, finalizeSegment } from '../../apps/api/src/recordings/storage/finalize-segment';
import { SegmentJournalWriter } from '../../apps/api/src/recordings/storage/segment-journal-writer';
import { JOURNAL_PREFIX, segmentKeys } from '../../apps/api/src/recordings/storage/segment-keys';
import { verifySegment } from '../../apps/api/src/recordings/storage/segment-manifest';
import { verifySegments } from '../../apps/api/src/recordings/storage/verify-segments';
import { LocalDiskStorage } from '../../apps/api/src/storage/local-disk-storage';
import type { ObjectStorage } from '../../apps/api/src/storage/object-storage';
import { FAKE_S3_ACCESS_KEY_ID, FAKE_S3_BUCKET, FakeS3, fakeS3Storage } from '../support/fake-s3';
import { EBML_MAGIC, decodeErrors, filesContaining, probe, webmClip } from '../support/recording/media-tools';

const CLIP_SECONDS = 6;
const PIECE = 35 * 1024;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function playback(storage: ObjectStorage, key: string, dataKey: ReturnType<typeof generateDataKey>): Promise<Buffer> {
  const read = await readDecrypted(storage, key, dataKey, undefined);
  if (read.kind !== 'body') throw new Error('expected a body');
  return buffer(read.body);
}

interface Driver {
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

function localDriver(): Driver {
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

function s3Driver(): Driver {
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
    childEnv: () => ({ JOURNAL_DRIVER: 's3', S3_URL: s3.url, S3_BUCKET: FAKE_S3_BUCKET, S3_ACCESS_KEY_ID: FAKE_S3_ACCESS_KEY_ID, SPOOL_DIR: spool }),
    storedContaining: (needle) => [
      ...filesContaining(spool, needle),
      ...[...s3.objects].filter(([, body]) => body.includes(needle)).map(([key]) => `s3:${key}`),
      ...[...s3.uploads.values()].flatMap((upload) => [...upload.parts.values()].filter((part) => part.includes(needle)).map(() => `s3 part of ${upload.key}`)),
    ],
  };
}

let clip: Buffer;
beforeAll(async () => (clip = await webmClip(CLIP_SECONDS)));

describe.each([localDriver, s3Driver])('recording segments', (makeDriver) => {
  const driver = makeDriver();
  beforeAll(() => driver.setUp());
  afterAll(() => driver.tearDown());

  describe(driver.name, () => {
    it('journals a segment as it arrives, never in clear, and finalizes it seekable, verifiable and playable', async () => {
      const storage = driver.storage();
      const dataKey = generateDataKey();
      const keys = segmentKeys(randomUUID(), randomUUID());
      const writer = await SegmentJournalWriter.open(storage, keys.journalKey, dataKey, { flushIntervalMs: 100 });
      for (let offset = 0; offset < clip.length; offset += PIECE) {
        writer.write(clip.subarray(offset, offset + PIECE));
        await sleep(30);
      }
      await sleep(150);
      // Mid-recording, what is stored is encrypted: the spool, the parts, the growing file.
      expect(driver.storedContaining(EBML_MAGIC)).toEqual([]);
      writer.end();
      const journalManifest = await writer.manifest();
      expect(journalManifest).toMatchObject({ plaintextBytes: clip.length, cut: false });
      expect(journalManifest.streamCount).toBeGreaterThan(1);

      const { manifest, interrupted, journal } = await finalizeSegment({ storage, dataKey, keys, journalManifest });
      expect(interrupted).toBe(false);
      expect(journal).toMatchObject({ complete: true, plaintextBytes: clip.length });
      expect(Math.abs(manifest.durationMs - CLIP_SECONDS * 1000)).toBeLessThan(500);
      expect(await verifySegment(manifest, storage, keys.finalKey, dataKey)).toEqual({ ok: true });

      const webm = await playback(storage, keys.finalKey, dataKey);
      expect(webm.length).toBe(manifest.plaintextBytes);
      const probed = await probe(webm);
      expect(probed.codecs).toEqual(['vp8', 'opus']);
      expect(Math.abs(probed.durationSeconds - CLIP_SECONDS)).toBeLessThan(0.5);
      expect(await decodeErrors(webm)).toBe('');
      // Cues sit before the first cluster, so a player can seek at once.
      expect(webm.indexOf(Buffer.from([0x1c, 0x53, 0xbb, 0x6b]))).toBeLessThan(webm.indexOf(Buffer.from([0x1f, 0x43, 0xb6, 0x75])));
      expect(await storage.listIncomplete(JOURNAL_PREFIX)).toEqual([]);
      await expect(storage.stat(keys.journalKey)).rejects.toThrow();
      await expect(storage.stat(keys.scratchKey)).rejects.toThrow();
      expect(driver.storedContaining(EBML_MAGIC)).toEqual([]);
    });

    it('cut() stops at once: nothing given after it is stored, and what was sealed before finalizes', async () => {
      const storage = driver.storage();
      const dataKey = generateDataKey();
      const keys = segmentKeys(randomUUID(), randomUUID());
      const writer = await SegmentJournalWriter.open(storage, keys.journalKey, dataKey, { flushIntervalMs: 100 });
      const half = Math.floor(clip.length / 2);
      for (let offset = 0; offset < half; offset += PIECE) writer.write(clip.subarray(offset, Math.min(offset + PIECE, half)));
      await sleep(300);
      const journalManifest = await writer.cut();
      writer.write(clip.subarray(half));
      await sleep(200);
      expect(journalManifest.cut).toBe(true);
      expect(journalManifest.plaintextBytes).toBeLessThanOrEqual(half);
      expect((await storage.stat(keys.journalKey)).size).toBe(journalManifest.storedBytes);

      const { manifest, interrupted, journal } = await finalizeSegment({ storage, dataKey, keys, journalManifest });
      expect(interrupted).toBe(false);
      expect(journal.plaintextBytes).toBe(journalManifest.plaintextBytes);
      expect(await verifySegment(manifest, storage, keys.finalKey, dataKey)).toEqual({ ok: true });
      expect(await decodeErrors(await playback(storage, keys.finalKey, dataKey))).toBe('');
    });

    it('after SIGKILL of the writing process, recovery keeps all but at most the last second, and it plays', async () => {
      const dataKey = generateDataKey();
      const keys = segmentKeys(randomUUID(), randomUUID());
      const child = spawn(process.execPath, ['-r', './bench/sfu/register-ts.cjs', 'test/support/recording/journal-writer-child.ts'], {
        env: { ...process.env, ...driver.childEnv(), JOURNAL_KEY: keys.journalKey, DATA_KEY: dataKey.export().toString('base64') },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const given: Array<{ bytes: number; at: number }> = [];
      let partial = '';
      child.stdout.setEncoding('utf8').on('data', (text: string) => {
        const lines = (partial + text).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) given.push(JSON.parse(line) as { bytes: number; at: number });
      });
      while (given.length === 0) await sleep(50);
      await sleep(3000);
      const killedAt = Date.now();
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('close', resolve));

      const restarted = driver.storage();
      expect(await restarted.listIncomplete(JOURNAL_PREFIX)).toEqual([keys.journalKey]);
      await restarted.recoverIncomplete(keys.journalKey);
      const { manifest, interrupted, journal } = await finalizeSegment({ storage: restarted, dataKey, keys });
      expect(interrupted).toBe(true);
      // Everything handed over more than a second before the kill (and a little for the flush itself) survived.
      const safe = given.filter(({ at }) => at <= killedAt - 1000 - 200).at(-1)?.bytes ?? 0;
      expect(safe).toBeGreaterThan(0);
      expect(journal.plaintextBytes).toBeGreaterThanOrEqual(safe);
      expect(journal.plaintextBytes).toBeLessThanOrEqual(given.at(-1)?.bytes ?? 0);

      expect(await verifySegment(manifest, restarted, keys.finalKey, dataKey)).toEqual({ ok: true });
      const webm = await playback(restarted, keys.finalKey, dataKey);
      const probed = await probe(webm);
      expect(probed.codecs).toEqual(['vp8', 'opus']);
      expect(probed.durationSeconds).toBeGreaterThan(1.5);
      expect(await decodeErrors(webm)).toBe('');
      expect(driver.storedContaining(EBML_MAGIC)).toEqual([]);
    });
  });
});

describe('a finalized segment at rest, tampered with', () => {
  const driver = localDriver() as Driver & { root: () => string };
  let storage: LocalDiskStorage;
  const dataKey = generateDataKey();
  const keys = segmentKeys(randomUUID(), randomUUID());
  let original: Buffer;
  let manifest: Awaited<ReturnType<typeof finalizeSegment>>['manifest'];
  const SEALED = 64 * 1024 + 16;
  const chunk = (bytes: Buffer, index: number) => bytes.subarray(64 + index * SEALED, 64 + (index + 1) * SEALED);

  beforeAll(async () => {
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
  const flipBit = (bytes: Buffer, at: number) => Buffer.from(bytes).fill(bytes[at] ^ 1, at, at + 1);

  it.each<[string, (bytes: Buffer) => Buffer, string]>([
    ['a flipped byte', (bytes) => flipBit(bytes, 100_000), 'corrupt'],
    ['a dropped chunk', (bytes) => Buffer.concat([bytes.subarray(0, 64 + SEALED), bytes.subarray(64 + 2 * SEALED)]), 'corrupt'],
    ['two swapped chunks', (bytes) => Buffer.concat([bytes.subarray(0, 64 + SEALED), chunk(bytes, 2), chunk(bytes, 1), bytes.subarray(64 + 3 * SEALED)]), 'corrupt'],
    ['a cut-off final chunk', (bytes) => bytes.subarray(0, 64 + 2 * SEALED), 'truncated'],
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
    expect(await verifySegment(manifest, storage, keys.finalKey, dataKey)).toMatchObject({ ok: false, problem: 'tag-digest-mismatch' });
    store(original);
  });

  it('verifySegments (the recordings:verify CLI) lists every damaged segment and a key that does not unwrap', async () => {
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
    writeFileSync(manifests, JSON.stringify([{ manifest, wrappedKey: ring.wrap(dataKey, context).toString('base64'), keyContext: context }]));
    const cli = () =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, ['-r', './bench/sfu/register-ts.cjs', 'apps/api/src/recordings/cli/verify-recordings.ts', manifests], {
          env: { ...process.env, MASTER_KEYS: `k1:${masterKey}`, STORAGE_DIR: driver.root(), DATA_DIR: join(driver.root(), 'data'), NODE_ENV: 'test' },
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

  it.each([0, 300])('refuses to finalize a journal of %p bytes of WebM, which holds no media (SegmentWithoutMediaError)', async (bytes) => {
    const empty = segmentKeys(randomUUID(), randomUUID());
    const writer = await SegmentJournalWriter.open(storage, empty.journalKey, dataKey);
    writer.end(clip.subarray(0, bytes));
    const journalManifest = await writer.manifest();
    await expect(finalizeSegment({ storage, dataKey, keys: empty, journalManifest })).rejects.toBeInstanceOf(SegmentWithoutMediaError);
    await expect(storage.stat(empty.scratchKey)).rejects.toThrow();
  });

  it('reports a missing object', async () => {
    expect(await verifySegment(manifest, storage, segmentKeys(randomUUID(), randomUUID()).finalKey, dataKey)).toMatchObject({ ok: false, problem: 'missing' });
  });
});
