import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { LocalDiskStorage } from '../../apps/api/src/storage/local-disk-storage';
import { ObjectNotFoundError } from '../../apps/api/src/storage/object-storage';

const keyOf = (id = randomUUID()) => `attachments/${id.slice(0, 2)}/${id}`;

/** A body that sends `bytes`, then fails, as an upload cut off midway does. */
function failingAfter(bytes: Buffer): Readable {
  return new Readable({
    read() {
      if (this.readableLength === 0 && bytes.length > 0) {
        this.push(bytes);
        bytes = Buffer.alloc(0);
      } else setImmediate(() => this.destroy(new Error('client went away')));
    },
  });
}

describe(LocalDiskStorage.name, () => {
  let root: string;
  let storage: LocalDiskStorage;

  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'vetmeet-storage-'));
    storage = new LocalDiskStorage(root);
    await storage.onModuleInit();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('stores, stats, reads whole and in ranges, and deletes', async () => {
    const key = keyOf();
    const body = randomBytes(200_000);
    await storage.put(key, Readable.from([body.subarray(0, 1000), body.subarray(1000)]));
    expect(await storage.stat(key)).toEqual({ size: body.length });
    expect(Buffer.compare(await buffer(await storage.get(key)), body)).toBe(0);
    expect(Buffer.compare(await buffer(await storage.get(key, { start: 70_000, end: 70_099 })), body.subarray(70_000, 70_100))).toBe(0);
    await storage.delete(key);
    await expect(storage.stat(key)).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(storage.get(key)).rejects.toBeInstanceOf(ObjectNotFoundError);
    await storage.delete(key);
  });

  it('leaves nothing, under the key or half-written, when the body fails midway', async () => {
    const key = keyOf();
    await expect(storage.put(key, failingAfter(randomBytes(100_000)))).rejects.toThrow('client went away');
    await expect(storage.stat(key)).rejects.toBeInstanceOf(ObjectNotFoundError);
    expect(readdirSync(join(root, '.partial'))).toEqual([]);
    expect(readdirSync(root)).toEqual(['.partial']);
  });

  it('never shows a half-written object under its key while the body is still arriving', async () => {
    const key = keyOf();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = Readable.from(
      (async function* () {
        yield Buffer.alloc(50_000, 1);
        await gate;
        yield Buffer.alloc(50_000, 2);
      })(),
    );
    const putting = storage.put(key, slow);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(storage.stat(key)).rejects.toBeInstanceOf(ObjectNotFoundError);
    release();
    await putting;
    expect(await storage.stat(key)).toEqual({ size: 100_000 });
  });

  it.each(['../outside', 'attachments/../../etc/passwd', '/etc/passwd', 'attachments/ab/../../../x', 'Attachments/ab/cd', 'attachments/.partial', '.partial/ab', 'attachments', 'attachments/ab/cd e', ''])(
    'refuses the key %p',
    async (key) => {
      expect(() => storage.pathOf(key)).toThrow(RangeError);
      await expect(storage.put(key, Readable.from([Buffer.from('x')]))).rejects.toThrow(RangeError);
      await expect(storage.get(key)).rejects.toThrow(RangeError);
      await expect(storage.delete(key)).rejects.toThrow(RangeError);
    },
  );

  it('sweeps partial files a crash left more than a day ago, and only those', async () => {
    const partial = join(root, '.partial');
    writeFileSync(join(partial, 'old'), 'x');
    writeFileSync(join(partial, 'recent'), 'x');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    utimesSync(join(partial, 'old'), twoDaysAgo, twoDaysAgo);
    await new LocalDiskStorage(root).onModuleInit();
    expect(readdirSync(partial)).toEqual(['recent']);
  });

  it('creates its folder on start', async () => {
    const fresh = join(root, 'nested', 'objects');
    await new LocalDiskStorage(fresh).onModuleInit();
    expect(existsSync(join(fresh, '.partial'))).toBe(true);
  });
});
