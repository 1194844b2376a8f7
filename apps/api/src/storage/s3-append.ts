import { mkdir, open, readFile, readdir, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListPartsCommand,
  UploadPartCommand,
  type CompletedPart,
  type S3Client,
} from '@aws-sdk/client-s3';
import { flushToDisk, writeAll } from './local-disk-append';
import type { AppendableObject } from './object-storage';

/** S3 takes parts of at least 5 MiB (but the last), so the bytes of the part in progress wait in a local spool. */
export const APPEND_PART_SIZE = 5 * 1024 * 1024;
const UPLOAD_FILE = 'upload.json';
const PART_FILE = /^part-(\d{5})$/;

export interface S3Target {
  readonly client: S3Client;
  readonly bucket: string;
  readonly key: string;
  /** `<spool dir>/<key>`: the upload id and the part in progress, one file per part. */
  readonly spool: string;
}

const partFile = (spool: string, partNumber: number) => join(spool, `part-${String(partNumber).padStart(5, '0')}`);

/**
 * An appendable object in S3: a multipart upload whose part in progress is spooled to local
 * disk (fsync per flush) and uploaded once it reaches 5 MiB. Only ciphertext is ever
 * spooled. A crash leaves the upload id and the spooled parts, which `recoverS3Append`
 * uploads and completes after a restart.
 */
export class S3Append implements AppendableObject {
  private readonly parts: CompletedPart[] = [];
  private partSize = 0;
  private closed = false;
  /** Full parts upload in the background, one after another, so a slow store never stalls appends (and capture). */
  private uploads: Promise<void> = Promise.resolve();
  private uploadFailure: unknown;

  private constructor(
    private readonly target: S3Target,
    private readonly uploadId: string,
    private partNumber: number,
    private file: FileHandle,
  ) {}

  static async open(target: S3Target): Promise<S3Append> {
    await mkdir(target.spool, { recursive: true, mode: 0o700 });
    // 'wx' on the upload file: a second writer of the same key fails instead of interleaving.
    const uploadFile = await open(join(target.spool, UPLOAD_FILE), 'wx', 0o600);
    try {
      const { client, bucket, key } = target;
      const create = { Bucket: bucket, Key: key, ContentType: 'application/octet-stream' };
      const { UploadId } = await client.send(new CreateMultipartUploadCommand(create));
      if (!UploadId) throw new Error('The S3 store returned no upload id.');
      await uploadFile.writeFile(JSON.stringify({ uploadId: UploadId }));
      await uploadFile.sync();
      const file = await open(partFile(target.spool, 1), 'wx', 0o600);
      await flushToDisk(target.spool);
      return new S3Append(target, UploadId, 1, file);
    } finally {
      await uploadFile.close();
    }
  }

  async append(...parts: Buffer[]): Promise<void> {
    this.assertOpen();
    this.throwUploadFailure();
    this.partSize += await writeAll(this.file, parts);
    if (this.partSize >= APPEND_PART_SIZE) await this.nextPart();
  }

  async flush(): Promise<void> {
    this.assertOpen();
    this.throwUploadFailure();
    await this.file.datasync();
  }

  async complete(): Promise<void> {
    this.assertOpen();
    this.closed = true;
    await this.file.close();
    await this.uploads;
    this.throwUploadFailure();
    // An upload needs one part; the only part may be empty.
    if (this.partSize > 0 || this.parts.length === 0) {
      this.parts.push(await uploadPart(this.target, this.uploadId, this.partNumber));
    }
    await completeUpload(this.target, this.uploadId, this.parts);
  }

  async abort(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      await this.file.close();
    }
    await this.uploads;
    const { client, bucket, key } = this.target;
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: this.uploadId }));
    await rm(this.target.spool, { recursive: true, force: true });
  }

  /**
   * Spools into the next part at once and uploads the full one behind; its file goes only
   * once S3 has it, so a crash in between leaves it for recovery (which asks S3 first).
   */
  private async nextPart(): Promise<void> {
    await this.file.datasync();
    await this.file.close();
    const full = this.partNumber;
    this.partNumber += 1;
    this.partSize = 0;
    this.file = await open(partFile(this.target.spool, this.partNumber), 'wx', 0o600);
    await flushToDisk(this.target.spool);
    this.uploads = this.uploads.then(async () => {
      if (this.uploadFailure) return;
      try {
        this.parts.push(await uploadPart(this.target, this.uploadId, full));
        await rm(partFile(this.target.spool, full));
      } catch (error) {
        this.uploadFailure = error;
      }
    });
  }

  /** A part that failed to upload fails the next call; its bytes are still spooled for recovery. */
  private throwUploadFailure(): void {
    if (this.uploadFailure) throw this.uploadFailure;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('This appendable object is already completed or aborted.');
  }
}

/**
 * Finishes what a crashed writer left: uploads the spooled parts S3 does not have whole
 * (ListParts tells), then completes the upload. Returns false when nothing is spooled.
 */
export async function recoverS3Append(target: S3Target): Promise<boolean> {
  let saved: string;
  try {
    saved = await readFile(join(target.spool, UPLOAD_FILE), 'utf8');
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ENOENT') return false;
    throw error;
  }
  const uploadId = parseUploadId(saved);
  if (!uploadId) {
    // The writer died before its upload id was saved, so before its first append: nothing to keep.
    // (The bucket's rule for incomplete multipart uploads removes the upload S3 may have started.)
    await rm(target.spool, { recursive: true, force: true });
    return false;
  }
  const uploaded = await listUploadedParts(target, uploadId);
  const spooled = (await readdir(target.spool))
    .flatMap((name) => (PART_FILE.test(name) ? [Number(PART_FILE.exec(name)?.[1])] : []))
    .sort((a, b) => a - b);
  for (const number of spooled) {
    const size = (await stat(partFile(target.spool, number))).size;
    const already = uploaded.get(number);
    if (already && already.Size === size) continue;
    if (size === 0) continue;
    uploaded.set(number, await uploadPart(target, uploadId, number));
  }
  const parts: CompletedPart[] = [...uploaded.values()]
    .sort((a, b) => (a.PartNumber ?? 0) - (b.PartNumber ?? 0))
    .map(({ PartNumber, ETag }) => ({ PartNumber, ETag }));
  // An upload needs one part; the only part may be empty.
  if (parts.length === 0) parts.push(await uploadPart(target, uploadId, spooled[0] ?? 1));
  await completeUpload(target, uploadId, parts);
  return true;
}

/** Keys with a spooled upload under `<spool root>/<prefix>`. */
export async function listS3Appends(spoolRoot: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  const walk = async (folder: string, key: string): Promise<void> => {
    let names: string[];
    try {
      names = await readdir(folder);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT' || (error as { code?: unknown }).code === 'ENOTDIR') return;
      throw error;
    }
    if (names.includes(UPLOAD_FILE)) keys.push(key);
    for (const name of names) {
      if (!PART_FILE.test(name) && name !== UPLOAD_FILE) await walk(join(folder, name), `${key}/${name}`);
    }
  };
  await walk(join(spoolRoot, ...prefix.split('/')), prefix);
  return keys.sort();
}

function parseUploadId(saved: string): string | undefined {
  try {
    const { uploadId } = JSON.parse(saved) as { uploadId?: unknown };
    return typeof uploadId === 'string' && uploadId !== '' ? uploadId : undefined;
  } catch {
    return undefined;
  }
}

type UploadedPart = CompletedPart & { Size?: number };

async function listUploadedParts(target: S3Target, uploadId: string): Promise<Map<number, UploadedPart>> {
  const { client, bucket, key } = target;
  const uploaded = new Map<number, UploadedPart>();
  let marker: string | undefined;
  do {
    const list = new ListPartsCommand({ Bucket: bucket, Key: key, UploadId: uploadId, PartNumberMarker: marker });
    const page = await client.send(list);
    for (const { PartNumber, ETag, Size } of page.Parts ?? []) {
      if (PartNumber) uploaded.set(PartNumber, { PartNumber, ETag, Size });
    }
    marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
  } while (marker);
  return uploaded;
}

async function uploadPart(target: S3Target, uploadId: string, partNumber: number): Promise<CompletedPart> {
  const body = await readFile(partFile(target.spool, partNumber));
  const { ETag } = await target.client.send(
    new UploadPartCommand({
      Bucket: target.bucket,
      Key: target.key,
      UploadId: uploadId,
      PartNumber: partNumber,
      Body: body,
      ContentLength: body.length,
    }),
  );
  return { PartNumber: partNumber, ETag };
}

async function completeUpload(target: S3Target, uploadId: string, parts: CompletedPart[]): Promise<void> {
  const { client, bucket, key } = target;
  const upload = { Bucket: bucket, Key: key, UploadId: uploadId, MultipartUpload: { Parts: parts } };
  await client.send(new CompleteMultipartUploadCommand(upload));
  await rm(target.spool, { recursive: true, force: true });
}
