import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';
import { S3Storage } from '../../apps/api/src/storage/s3-storage';

export const FAKE_S3_BUCKET = 'vetmeet-test';
export const FAKE_S3_ACCESS_KEY_ID = 'test-access-key-id';

/**
 * Just enough of S3's REST API, path-style, for the calls S3Storage makes: PutObject,
 * the multipart calls lib-storage and appendable objects use (ListParts too), GetObject (with Range),
 * HeadObject, DeleteObject.
 * Requests must be SigV4-signed with our access key id; the signature itself is not checked.
 */
export class FakeS3 {
  readonly objects = new Map<string, Buffer>();
  readonly uploads = new Map<string, { key: string; parts: Map<number, Buffer> }>();
  readonly calls: string[] = [];
  /** Makes each UploadPart answer this much later, as a slow or distant store does. */
  uploadPartDelayMs = 0;
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
    if (!String(request.headers.authorization).startsWith(`AWS4-HMAC-SHA256 Credential=${FAKE_S3_ACCESS_KEY_ID}/`)) return this.error(response, 403, 'AccessDenied');
    if (bucket !== FAKE_S3_BUCKET) return this.error(response, 404, 'NoSuchBucket');
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
      if (this.uploadPartDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.uploadPartDelayMs));
      upload.parts.set(Number(query.get('partNumber')), body);
      this.calls.push('UploadPart');
      response.setHeader('ETag', `"part-${query.get('partNumber')}"`);
      return void response.end();
    }
    if (request.method === 'GET' && uploadId) {
      const upload = this.uploads.get(uploadId);
      if (!upload) return this.error(response, 404, 'NoSuchUpload');
      this.calls.push('ListParts');
      const parts = [...upload.parts].sort(([a], [b]) => a - b);
      const xml = parts
        .map(([n, part]) => `<Part><PartNumber>${n}</PartNumber><ETag>"part-${n}"</ETag><Size>${part.length}</Size></Part>`)
        .join('');
      const head = `<Bucket>${bucket}</Bucket><Key>${key}</Key><UploadId>${uploadId}</UploadId><IsTruncated>false</IsTruncated>`;
      return this.xml(response, `<ListPartsResult>${head}${xml}</ListPartsResult>`);
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

/** An S3Storage on the fake, spooling appendable objects to `spoolDir`. */
export function fakeS3Storage(s3: FakeS3, spoolDir: string): S3Storage {
  return new S3Storage({
    bucket: FAKE_S3_BUCKET,
    region: 'us-east-1',
    endpoint: s3.url,
    forcePathStyle: true,
    accessKeyId: FAKE_S3_ACCESS_KEY_ID,
    secretAccessKey: 'test-secret',
    spoolDir,
  });
}
