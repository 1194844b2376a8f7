import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { ErrorCode } from '@vetmeet/contracts';
import { generateDataKey } from '@vetmeet/crypto';
import { attachmentRules } from '../../apps/api/src/attachments/content-type-gate';
import { readDecrypted, storeEncrypted } from '../../apps/api/src/attachments/encrypted-body';
import { ObjectNotFoundError } from '../../apps/api/src/storage/object-storage';
import { S3Storage } from '../../apps/api/src/storage/s3-storage';
import { FakeS3, fakeS3Storage } from '../support/fake-s3';

const MIB = 1024 * 1024;

describe(S3Storage.name, () => {
  const s3 = new FakeS3();
  let storage: S3Storage;
  const keyOf = (id = randomUUID()) => `attachments/${id.slice(0, 2)}/${id}`;

  beforeAll(async () => {
    await s3.start();
    storage = fakeS3Storage(s3, join(tmpdir(), `vetmeet-s3-spool-${randomUUID()}`));
  });
  afterAll(async () => {
    storage.onModuleDestroy();
    await s3.stop();
  });
  beforeEach(() => (s3.calls.length = 0));

  it('puts a small object in one request, stats it, reads it whole and in a range, and deletes it', async () => {
    const key = keyOf();
    const body = randomBytes(100_000);
    await storage.put(key, Readable.from([body]));
    expect(s3.calls).toEqual(['PutObject']);
    expect(await storage.stat(key)).toEqual({ size: body.length });
    expect(Buffer.compare(await buffer(await storage.get(key)), body)).toBe(0);
    expect(Buffer.compare(await buffer(await storage.get(key, { start: 1000, end: 1999 })), body.subarray(1000, 2000))).toBe(0);
    await storage.delete(key);
    await expect(storage.stat(key)).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(storage.get(key)).rejects.toBeInstanceOf(ObjectNotFoundError);
    expect(s3.calls).toEqual(['PutObject', 'HeadObject', 'GetObject', 'GetObject(Range)', 'DeleteObject', 'HeadObject', 'GetObject']);
  });

  it('puts a large object as a multipart upload', async () => {
    const key = keyOf();
    const body = randomBytes(12 * MIB);
    await storage.put(key, Readable.from([body.subarray(0, 7 * MIB), body.subarray(7 * MIB)]));
    expect(s3.calls[0]).toBe('CreateMultipartUpload');
    expect(s3.calls.filter((call) => call === 'UploadPart')).toHaveLength(3);
    expect(s3.calls.at(-1)).toBe('CompleteMultipartUpload');
    expect(Buffer.compare(s3.objects.get(key) ?? Buffer.alloc(0), body)).toBe(0);
  });

  it('aborts the multipart upload and leaves no object when the body fails midway', async () => {
    const key = keyOf();
    const failing = Readable.from(
      (async function* () {
        yield randomBytes(6 * MIB);
        yield randomBytes(6 * MIB);
        throw new Error('client went away');
      })(),
    );
    await expect(storage.put(key, failing)).rejects.toThrow('client went away');
    expect(s3.calls).toContain('AbortMultipartUpload');
    expect(s3.objects.has(key)).toBe(false);
    expect(s3.uploads.size).toBe(0);
  });

  it('round-trips an encrypted attachment: stored as ciphertext, read back whole and by range', async () => {
    const key = keyOf();
    const dataKey = generateDataKey();
    const video = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom', 'latin1'), Buffer.from([0, 0, 2, 0]), Buffer.from('isommp41', 'latin1'), randomBytes(7 * MIB)]);
    const stored = await storeEncrypted(storage, key, dataKey, { rules: attachmentRules('video'), claimedType: 'video/mp4', body: Readable.from([video]) });
    expect(stored).toEqual({ contentType: 'video/mp4', sizeBytes: video.length });
    expect(s3.objects.get(key)?.subarray(0, 4).toString('latin1')).toBe('VMEF');

    const whole = await readDecrypted(storage, key, dataKey, undefined);
    if (whole.kind !== 'body') throw new Error('expected a body');
    expect(Buffer.compare(await buffer(whole.body), video)).toBe(0);

    const start = 3 * MIB + 5;
    const end = 3 * MIB + 200_000;
    const slice = await readDecrypted(storage, key, dataKey, `bytes=${start}-${end}`);
    if (slice.kind !== 'body') throw new Error('expected a body');
    expect(slice.span).toEqual({ start, end });
    expect(Buffer.compare(await buffer(slice.body), video.subarray(start, end + 1))).toBe(0);
  });

  it('stores nothing when an upload turns out too large after parts went up', async () => {
    const key = keyOf();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const oversized = Readable.from([png, ...Array.from({ length: 21 }, () => Buffer.alloc(MIB, 3))]);
    const storing = storeEncrypted(storage, key, generateDataKey(), { rules: attachmentRules('photo'), claimedType: 'image/png', body: oversized });
    await expect(storing).rejects.toMatchObject({ code: ErrorCode.PayloadTooLarge });
    expect(s3.calls).toContain('AbortMultipartUpload');
    expect(s3.objects.has(key)).toBe(false);
    expect(s3.uploads.size).toBe(0);
  });
});
