import { join } from 'node:path';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { OnModuleDestroy } from '@nestjs/common';
import {
  ObjectNotFoundError,
  ObjectStorage,
  assertStorageKey,
  assertStoragePrefix,
  type AppendableObject,
  type ObjectRange,
  type ObjectStat,
} from './object-storage';
import { S3Append, listS3Appends, recoverS3Append, type S3Target } from './s3-append';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  /** A local folder that survives restarts, where appendable objects keep the (encrypted) part in progress. */
  spoolDir: string;
}

/** The smallest part S3 accepts. An upload holds at most PART_SIZE × PARTS_IN_FLIGHT bytes in memory. */
const PART_SIZE = 5 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

/**
 * Objects in an S3-compatible bucket. Large bodies go up as multipart uploads (lib-storage),
 * which S3 assembles only on completion and which are aborted on failure, so a failed put
 * leaves no object. Reads are plain (range) GETs.
 */
export class S3Storage extends ObjectStorage implements OnModuleDestroy {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly spoolDir: string;

  constructor(options: S3StorageOptions) {
    super();
    this.bucket = options.bucket;
    this.spoolDir = options.spoolDir;
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      // Bodies are authenticated by our own encryption; the SDK's default extra checksums
      // (CRC32 trailers) are refused by several S3-compatible stores.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  onModuleDestroy(): void {
    this.client.destroy();
  }

  async put(key: string, body: Readable): Promise<void> {
    assertStorageKey(key);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body, ContentType: 'application/octet-stream' },
      partSize: PART_SIZE,
      queueSize: PARTS_IN_FLIGHT,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      // The body may have failed before lib-storage read it to the end.
      body.destroy();
      throw error;
    }
  }

  async get(key: string, range?: ObjectRange): Promise<Readable> {
    assertStorageKey(key);
    const response = await this.send(key, () =>
      this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined })),
    );
    if (!(response.Body instanceof Readable)) throw new Error('The S3 client returned a body that is not a Node.js stream.');
    return response.Body;
  }

  async stat(key: string): Promise<ObjectStat> {
    assertStorageKey(key);
    const response = await this.send(key, () => this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key })));
    if (response.ContentLength === undefined) throw new Error('The S3 store did not say the object size.');
    return { size: response.ContentLength };
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    // S3 answers a delete of a missing key with success too.
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  async openAppend(key: string): Promise<AppendableObject> {
    return S3Append.open(this.appendTarget(key));
  }

  async listIncomplete(prefix: string): Promise<string[]> {
    assertStoragePrefix(prefix);
    return listS3Appends(this.spoolDir, prefix);
  }

  async recoverIncomplete(key: string): Promise<void> {
    if (await recoverS3Append(this.appendTarget(key))) return;
    await this.stat(key);
  }

  private appendTarget(key: string): S3Target {
    assertStorageKey(key);
    return { client: this.client, bucket: this.bucket, key, spool: join(this.spoolDir, ...key.split('/')) };
  }

  private async send<T>(key: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      const missing = error instanceof S3ServiceException && (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404);
      if (missing) throw new ObjectNotFoundError(key);
      throw error;
    }
  }
}
