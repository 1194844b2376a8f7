import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { LocalDiskStorage } from '../../apps/api/src/storage/local-disk-storage';
import { ObjectNotFoundError, type ObjectStorage } from '../../apps/api/src/storage/object-storage';
import { APPEND_PART_SIZE } from '../../apps/api/src/storage/s3-append';
import { S3Storage } from '../../apps/api/src/storage/s3-storage';
import { FakeS3, fakeS3Storage } from '../support/fake-s3';

/** Where the S3 driver spools part 1 of a key (undefined on local disk). */
function spooledPart(storage: ObjectStorage, key: string): string {
  const { spoolDir } = storage as unknown as { spoolDir: string };
  return join(spoolDir, ...key.split('/'), 'part-00001');
}

/** S3 uploads a full part in the background; its spool file goes once S3 has it. */
async function partUploaded(storage: ObjectStorage, key: string): Promise<void> {
  if (!(storage instanceof S3Storage)) return;
  while (existsSync(spooledPart(storage, key))) await new Promise((resolve) => setTimeout(resolve, 10));
}

const keyOf = (id = randomUUID()) => `recording-journals/${id.slice(0, 2)}/${id}`;
const read = async (storage: ObjectStorage, key: string) => buffer(await storage.get(key));

interface Driver {
  name: string;
  /** A store as a (re)started process sees it: same folder or bucket, same spool. */
  open(): Promise<ObjectStorage>;
  /** Where nothing may be left once an object is complete or aborted. */
  leftovers(): Promise<string[]>;
  /** The S3 calls made so far (none on local disk). */
  calls(): string[];
  /** Makes part uploads this slow until the returned function is called (S3 only). */
  slowUploads?(ms: number): () => void;
}

describe.each<() => Driver & { setUp(): Promise<void>; tearDown(): Promise<void> }>([
  () => {
    let root = '';
    return {
      name: 'local disk',
      setUp: async () => void (root = mkdtempSync(join(tmpdir(), 'vetmeet-append-'))),
      tearDown: async () => rmSync(root, { recursive: true, force: true }),
      open: async () => {
        const storage = new LocalDiskStorage(root);
        await storage.onModuleInit();
        return storage;
      },
      leftovers: async () => new LocalDiskStorage(root).listIncomplete('recording-journals'),
      calls: () => [],
    };
  },
  () => {
    const s3 = new FakeS3();
    let spool = '';
    return {
      name: 'S3 (fake)',
      setUp: async () => {
        spool = mkdtempSync(join(tmpdir(), 'vetmeet-spool-'));
        await s3.start();
      },
      tearDown: async () => {
        await s3.stop();
        rmSync(spool, { recursive: true, force: true });
      },
      open: async () => fakeS3Storage(s3, spool),
      calls: () => s3.calls,
      slowUploads: (ms) => {
        s3.uploadPartDelayMs = ms;
        return () => (s3.uploadPartDelayMs = 0);
      },
      leftovers: async () => [
        ...(await fakeS3Storage(s3, spool).listIncomplete('recording-journals')),
        ...[...s3.uploads.values()].map((upload) => upload.key),
      ],
    };
  },
])('appendable objects', (makeDriver) => {
  const driver = makeDriver();
  let storage: ObjectStorage;

  beforeAll(() => driver.setUp());
  afterAll(() => driver.tearDown());
  beforeEach(async () => (storage = await driver.open()));

  describe(driver.name, () => {
    it('appends across S3 part boundaries, shows nothing under the key until complete, then all of it', async () => {
      const key = keyOf();
      const body = randomBytes(APPEND_PART_SIZE + 300_000);
      const object = await storage.openAppend(key);
      for (let offset = 0; offset < body.length; offset += 200_000) {
        await object.append(body.subarray(offset, offset + 200_000));
        await object.flush();
      }
      await expect(storage.stat(key)).rejects.toBeInstanceOf(ObjectNotFoundError);
      expect(await storage.listIncomplete('recording-journals')).toContain(key);
      await object.complete();
      expect(Buffer.compare(await read(storage, key), body)).toBe(0);
      expect(await driver.leftovers()).toEqual([]);
    });

    it('does not upload again a part S3 has that the spool still holds (a crash between upload and cleanup)', async () => {
      const key = keyOf();
      const body = randomBytes(APPEND_PART_SIZE + 50_000);
      const object = await storage.openAppend(key);
      await object.append(body);
      await object.flush();
      if (driver.name.startsWith('S3')) {
        // Put back the spool file of part 1 (which took all of the append), as if the writer died before removing it.
        await partUploaded(storage, key);
        writeFileSync(spooledPart(storage, key), body);
      }
      const restarted = await driver.open();
      const callsBefore = driver.calls().length;
      await restarted.recoverIncomplete(key);
      expect(driver.calls().slice(callsBefore).filter((call) => call === 'UploadPart')).toEqual([]);
      const stored = await read(restarted, key);
      expect(stored.length).toBe(body.length);
      expect(Buffer.compare(stored, body)).toBe(0);
    });

    it('keeps taking appends while a full part uploads to a slow store', async () => {
      const slow = driver.slowUploads?.(1500);
      if (!slow) return;
      try {
        const key = keyOf();
        const body = randomBytes(APPEND_PART_SIZE + 200_000);
        const object = await storage.openAppend(key);
        await object.append(body.subarray(0, APPEND_PART_SIZE - 100_000));
        // This append fills part 1, which then uploads (slowly) while the next ones go on.
        const started = Date.now();
        await object.append(body.subarray(APPEND_PART_SIZE - 100_000));
        await object.flush();
        expect(Date.now() - started).toBeLessThan(1000);
        await object.complete();
        expect(Buffer.compare(await read(storage, key), body)).toBe(0);
      } finally {
        slow();
      }
    });

    it('refuses a second writer of the same key', async () => {
      const key = keyOf();
      const first = await storage.openAppend(key);
      await expect(storage.openAppend(key)).rejects.toThrow();
      await first.abort();
    });

    it('leaves nothing after an abort', async () => {
      const key = keyOf();
      const object = await storage.openAppend(key);
      await object.append(randomBytes(1000));
      await object.abort();
      await expect(storage.stat(key)).rejects.toBeInstanceOf(ObjectNotFoundError);
      expect(await driver.leftovers()).toEqual([]);
    });

    it('recovers after a restart every byte a writer that never completed had flushed, once', async () => {
      const key = keyOf();
      const body = randomBytes(APPEND_PART_SIZE + 123_457);
      const abandoned = await storage.openAppend(key);
      await abandoned.append(body.subarray(0, APPEND_PART_SIZE + 100_000));
      await abandoned.append(body.subarray(APPEND_PART_SIZE + 100_000));
      await abandoned.flush();
      await partUploaded(storage, key);

      const restarted = await driver.open();
      expect(await restarted.listIncomplete('recording-journals')).toEqual([key]);
      await restarted.recoverIncomplete(key);
      expect(Buffer.compare(await read(restarted, key), body)).toBe(0);
      expect(await driver.leftovers()).toEqual([]);
      await restarted.recoverIncomplete(key);
      await expect(restarted.recoverIncomplete(keyOf())).rejects.toBeInstanceOf(ObjectNotFoundError);
      await expect(restarted.listIncomplete('../etc')).rejects.toThrow(RangeError);
    });
  });
});
