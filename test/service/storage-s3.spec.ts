import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { ErrorCode } from '@vetmeet/contracts';
import { generateDataKey } from '@vetmeet/crypto';
import { attachmentRules } from '../../apps/api/src/attachments/content-type-gate';
import { readDecrypted, storeEncrypted } from '../../apps/api/src/attachments/encrypted-body';
import { ObjectNotFoundError } from '../../apps/api/src/storage/object-storage';
import { S3Storage } from '../../apps/api/src/storage/s3-storage';

const BUCKET = 'vetmeet-test';
const ACCESS_KEY_ID = 'test-access-key-id';
const MIB = 1024 * 1024;

/**
 * Just enough of S3's REST API, path-style, for the calls S3Storage makes: PutObject,
 * the multipart calls lib-storage uses, GetObject (with Range), HeadObject, DeleteObject.
 * Requests must be SigV4-signed with our access key id; the signature itself is not checked.
 */
class FakeS3 {
  readonly objects = new Map<string, Buffer>();
  readonly uploads = new Map<string, { key: string; parts: Map<number, Buffer> }>();
  readonly calls: string[] = [];
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const [, bucket, ...keyParts] = url.pathname.split('/');
    const key = decodeURIComponent(keyParts.join('/'));
    const body = await buffer(request);
    if (!String(request.headers.authorization).startsWith(`AWS4-HMAC-SHA256 Credential=${ACCESS_KEY_ID}/`)) return this.error(response, 403, 'AccessDenied');
    if (bucket !== BUCKET) return this.error(response, 404, 'NoSuchBucket');
    const query = url.searchParams;
    const uploadId = query.get('uploadId');

    if (request.method === 'POST' && query.has('uploads')) {
      const id = randomUUID();
      this.uploads.set(id, { key, parts: new Map() });
      this.calls.push('CreateMultipartUpload');
      return this.xml(response, `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`);
    }
    if (request.method === 'PUT' && uploadId) {
      const upload = this.uploads.get(uploadId);
      if (!upload) return this.error(response, 404, 'NoSuchUpload');
      upload.parts.set(Number(query.get('partNumber')), body);
      this.calls.push('UploadPart');
      response.setHeader('ETag', `"part-${query.get('partNumber')}"`);
      return void response.end();
    }
    if (request.method === 'POST' && uploadId) {
      const upload = this.uploads.get(uploadId);
      if (!upload) return this.error(response, 404, 'NoSuchUpload');
      const numbers = [...body.toString().matchAll(/<PartNumber>(\d+)<\/PartNumber>/g)].map((match) => Number(match[1]));
      this.objects.set(upload.key, Buffer.concat(numbers.map((number) => upload.parts.get(number) ?? Buffer.alloc(0))));
      this.uploads.delete(uploadId);
      this.calls.push('CompleteMultipartUpload');
      return this.xml(response, `<CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${key}</Key><ETag>"done"</ETag></CompleteMultipartUploadResult>`);
    }
    if (request.method === 'DELETE' && uploadId) {
      this.uploads.delete(uploadId);
      this.calls.push('AbortMultipartUpload');
      response.statusCode = 204;
      return void response.end();
    }
    if (request.method === 'PUT') {
      this.objects.set(key, body);
      this.calls.push('PutObject');
      response.setHeader('ETag', '"object"');
      return void response.end();
    }
    if (request.method === 'DELETE') {
      this.objects.delete(key);
      this.calls.push('DeleteObject');
      response.statusCode = 204;
      return void response.end();
    }
    const object = this.objects.get(key);
    if (request.method === 'HEAD') {
      this.calls.push('HeadObject');
      response.statusCode = object ? 200 : 404;
      if (object) response.setHeader('Content-Length', object.length);
      return void response.end();
    }
    if (request.method === 'GET') {
      this.calls.push(request.headers.range ? 'GetObject(Range)' : 'GetObject');
      if (!object) return this.error(response, 404, 'NoSuchKey');
      const range = /^bytes=(\d+)-(\d+)$/.exec(request.headers.range ?? '');
      if (!range) return void response.end(object);
      const [start, end] = [Number(range[1]), Math.min(Number(range[2]), object.length - 1)];
      response.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${object.length}`, 'Content-Length': end - start + 1 });
      return void response.end(object.subarray(start, end + 1));
    }
    return this.error(response, 405, 'MethodNotAllowed');
  }

  private xml(response: ServerResponse, body: string): void {
    response.setHeader('Content-Type', 'application/xml');
    response.end(`<?xml version="1.0" encoding="UTF-8"?>${body}`);
  }

  private error(response: ServerResponse, status: number, code: string): void {
    response.statusCode = status;
    this.xml(response, `<Error><Code>${code}</Code><Message>${code}</Message></Error>`);
  }
}

describe(S3Storage.name, () => {
  const s3 = new FakeS3();
  let storage: S3Storage;
  const keyOf = (id = randomUUID()) => `attachments/${id.slice(0, 2)}/${id}`;

  beforeAll(async () => {
    await s3.start();
    storage = new S3Storage({ bucket: BUCKET, region: 'us-east-1', endpoint: s3.url, forcePathStyle: true, accessKeyId: ACCESS_KEY_ID, secretAccessKey: 'test-secret' });
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
