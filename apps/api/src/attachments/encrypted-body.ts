import type { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ErrorCode } from '@vetmeet/contracts';
import {
  STREAM_HEADER_LENGTH,
  createDecryptStream,
  createEncryptStream,
  createRangeDecryptStream,
  mapPlaintextRange,
  parseStreamHeader,
  plaintextSize,
  type DataKey,
} from '@vetmeet/crypto';
import { AppError } from '../common/errors/app-error';
import type { ObjectStorage } from '../storage/object-storage';
import { ByteLimit } from './byte-limit';
import { ContentTypeGate } from './content-type-gate';
import { UNSATISFIABLE, parseRange, type ByteSpan } from './http-range';
import type { IncomingFile } from './multipart-upload';

export interface StoredBody {
  contentType: string;
  sizeBytes: number;
}

/**
 * Streams an upload into storage: size limit, then type check on the first bytes, then
 * encryption, so only ciphertext is ever written and nothing is written at all before
 * the type is known. Fails with the limit's or the type check's AppError in preference to
 * the storage's own complaint about the stream it was fed being cut.
 */
export async function storeEncrypted(storage: ObjectStorage, key: string, dataKey: DataKey, file: Pick<IncomingFile, 'rules' | 'claimedType' | 'body'>): Promise<StoredBody> {
  const { maxBytes, what } = file.rules;
  const limit = new ByteLimit(maxBytes, () => new AppError(ErrorCode.PayloadTooLarge, `This file is larger than the ${maxBytes / 1024 / 1024} MiB ${what} may be.`));
  const gate = new ContentTypeGate(file.rules, file.claimedType);
  const encrypt = createEncryptStream(dataKey);
  const outcomes = await Promise.allSettled([pipeline(file.body, limit, gate, encrypt), storage.put(key, encrypt)]);
  const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
  if (failures.length > 0) throw failures.find((failure) => failure instanceof AppError) ?? failures[failures.length - 1];
  if (!gate.contentType) throw new Error('The upload ended without a type decision');
  return { contentType: gate.contentType, sizeBytes: limit.bytes };
}

export type DecryptedRead =
  | { kind: 'body'; totalSize: number; span: ByteSpan | undefined; body: Readable }
  | { kind: 'unsatisfiable'; totalSize: number };

/**
 * Opens a stored body for reading: the whole plaintext, or the span an HTTP Range asks
 * for, fetching only the chunks that cover it. The header is read and checked first, so a
 * wrong key or a foreign object fails here, before any response has started. Damage in
 * the chunks shows up later, as an error on the returned stream.
 */
export async function readDecrypted(storage: ObjectStorage, key: string, dataKey: DataKey, rangeHeader: string | undefined): Promise<DecryptedRead> {
  const { size: storedSize } = await storage.stat(key);
  // A stored body shorter than a header is damaged; reading all of it lets the parser say how.
  const header = await readAll(await storage.get(key, storedSize >= STREAM_HEADER_LENGTH ? { start: 0, end: STREAM_HEADER_LENGTH - 1 } : undefined));
  const { chunkSize } = parseStreamHeader(header, dataKey);
  const totalSize = plaintextSize(storedSize, chunkSize);
  const span = parseRange(rangeHeader, totalSize);
  if (span === UNSATISFIABLE) return { kind: 'unsatisfiable', totalSize };
  if (!span) {
    const source = await storage.get(key);
    return { kind: 'body', totalSize, span, body: chain(source, createDecryptStream(dataKey)) };
  }
  const slice = mapPlaintextRange(span, storedSize, chunkSize);
  const source = await storage.get(key, slice.ciphertext);
  return { kind: 'body', totalSize, span, body: chain(source, createRangeDecryptStream(dataKey, header, slice)) };
}

/** source → decrypt as one readable that fails when either fails. */
function chain(source: Readable, decrypt: Transform): Readable {
  source.on('error', (error) => decrypt.destroy(error));
  decrypt.on('close', () => source.destroy());
  return source.pipe(decrypt);
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}
