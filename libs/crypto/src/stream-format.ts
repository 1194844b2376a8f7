import { hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataKey, assertDataKey } from './data-key';
import { DecryptionError, DecryptionErrorCode } from './errors';

/**
 * The stored layout lives here alone because every file we ever wrote depends on it: a
 * change is a new FORMAT_VERSION that readers learn, never an edit in place.
 *
 *   offset  size  field
 *        0     4  magic "VMEF"
 *        4     1  format version (1)
 *        5     4  chunk size: plaintext bytes per chunk, uint32 big-endian
 *        9    16  salt: with the data key, derives this file's payload key (HKDF-SHA256)
 *       25     7  nonce prefix: the first 7 of each chunk nonce's 12 bytes
 *       32    32  key check: HKDF-SHA256 of the data key alone, so a wrong key is told
 *                 apart from damage and the file commits to one key (GCM alone does not)
 *
 * The whole header is the AAD of every chunk, so no byte of it can change unnoticed.
 */
export const STREAM_MAGIC = Buffer.from('VMEF', 'ascii');
export const FORMAT_VERSION = 1;
export const HEADER_LENGTH = 64;
export const TAG_LENGTH = 16;
export const DEFAULT_CHUNK_SIZE = 64 * 1024;
/** Small chunks cost a tag each and cap a file at 2^32 chunks; 64 bytes still allows 256 GiB. */
export const MIN_CHUNK_SIZE = 64;
/** The decrypter holds about two chunks, and the chunk size comes from a header not yet authenticated. */
export const MAX_CHUNK_SIZE = 4 * 1024 * 1024;
/** The chunk counter is 32 bits. */
export const MAX_CHUNK_INDEX = 0xffff_ffff;

const VERSION_OFFSET = 4;
const CHUNK_SIZE_OFFSET = 5;
const SALT = { offset: 9, length: 16 };
const NONCE_PREFIX = { offset: 25, length: 7 };
const KEY_CHECK = { offset: 32, length: 32 };

export interface StreamHeader {
  /** The 64 bytes as stored: the AAD of every chunk. */
  readonly bytes: Buffer;
  readonly chunkSize: number;
  readonly salt: Buffer;
  readonly noncePrefix: Buffer;
}

export function assertChunkSize(chunkSize: number): void {
  if (!Number.isInteger(chunkSize) || chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
    throw new RangeError(`The chunk size must be an integer from ${MIN_CHUNK_SIZE} to ${MAX_CHUNK_SIZE} bytes.`);
  }
}

/** `salt` defaults to random; a journal chains its streams through their salts (journal-chain.ts). */
export function createHeader(
  dataKey: DataKey,
  chunkSize: number,
  salt: Buffer = randomBytes(SALT.length),
): StreamHeader {
  assertDataKey(dataKey);
  assertChunkSize(chunkSize);
  if (salt.length !== SALT.length) throw new RangeError(`A stream salt is ${SALT.length} bytes.`);
  const bytes = Buffer.alloc(HEADER_LENGTH);
  STREAM_MAGIC.copy(bytes, 0);
  bytes[VERSION_OFFSET] = FORMAT_VERSION;
  bytes.writeUInt32BE(chunkSize, CHUNK_SIZE_OFFSET);
  salt.copy(bytes, SALT.offset);
  randomBytes(NONCE_PREFIX.length).copy(bytes, NONCE_PREFIX.offset);
  keyCheck(dataKey).copy(bytes, KEY_CHECK.offset);
  return fields(bytes);
}

/** Reads and checks a stored header; the data key is needed to tell WRONG_KEY from CORRUPT. */
export function parseStreamHeader(header: Uint8Array, dataKey: DataKey): StreamHeader {
  assertDataKey(dataKey);
  if (header.length < HEADER_LENGTH) throw partialHeaderError(header);
  if (header.length > HEADER_LENGTH) throw new RangeError(`A stream header is exactly ${HEADER_LENGTH} bytes.`);
  const bytes = Buffer.from(header);
  checkMagicAndVersion(bytes);
  const chunkSize = bytes.readUInt32BE(CHUNK_SIZE_OFFSET);
  if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
    throw new DecryptionError(DecryptionErrorCode.Corrupt, 'The stream header names an impossible chunk size.');
  }
  if (!timingSafeEqual(field(bytes, KEY_CHECK), keyCheck(dataKey))) {
    throw new DecryptionError(DecryptionErrorCode.WrongKey, 'This stream was encrypted under another data key.');
  }
  return fields(bytes);
}

/** Why a stream that ended inside its header is unreadable: not ours, too new, or cut short. */
export function partialHeaderError(partial: Uint8Array): DecryptionError {
  checkMagicAndVersion(Buffer.from(partial));
  return new DecryptionError(DecryptionErrorCode.Truncated, 'The stream ends inside its header.');
}

/** Each file's own key keeps nonces unique even if a data key ever seals more than one stream. */
export function payloadKeyBytes(dataKey: DataKey, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, salt, 'vetmeet/stream/v1/payload', 32));
}

function keyCheck(dataKey: DataKey): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'vetmeet/stream/v1/key-check', KEY_CHECK.length));
}

/** Works on a prefix too, so a short stream still says "not ours" or "too new" before "truncated". */
function checkMagicAndVersion(bytes: Buffer): void {
  const magicLength = Math.min(bytes.length, STREAM_MAGIC.length);
  if (!bytes.subarray(0, magicLength).equals(STREAM_MAGIC.subarray(0, magicLength))) {
    throw new DecryptionError(DecryptionErrorCode.Corrupt, 'This is not a Vetmeet encrypted stream.');
  }
  if (bytes.length > VERSION_OFFSET && bytes[VERSION_OFFSET] !== FORMAT_VERSION) {
    throw new DecryptionError(
      DecryptionErrorCode.UnsupportedVersion,
      `Stream format version ${bytes[VERSION_OFFSET]} is not supported (this build reads ${FORMAT_VERSION}).`,
    );
  }
}

function fields(bytes: Buffer): StreamHeader {
  return {
    bytes,
    chunkSize: bytes.readUInt32BE(CHUNK_SIZE_OFFSET),
    salt: field(bytes, SALT),
    noncePrefix: field(bytes, NONCE_PREFIX),
  };
}

function field(bytes: Buffer, { offset, length }: { offset: number; length: number }): Buffer {
  return bytes.subarray(offset, offset + length);
}
