import { DataKey } from './data-key';
import { DecryptStream } from './decrypt-stream';
import { DecryptionError, DecryptionErrorCode } from './errors';
import { HEADER_LENGTH, TAG_LENGTH, assertChunkSize, parseStreamHeader } from './stream-format';

/**
 * Playback answers HTTP Range requests by fetching only the chunks that cover the range,
 * which works because every chunk but the last is the same size. Sizes alone give the
 * plaintext size (for Content-Length and Content-Range) without reading the object.
 *
 * A range read proves its bytes authentic and in place, but proves the file complete only
 * when it reaches the final chunk: if `ciphertextSize` comes from a truncated object, reads
 * that stop short of the end still succeed.
 */

/** Inclusive on both ends, like an HTTP Range. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

export interface RangeSlice {
  readonly chunkSize: number;
  readonly plaintext: ByteRange;
  /** Offsets in the stored object (the header included in the count, not in the slice): fetch exactly these. */
  readonly ciphertext: ByteRange;
  readonly firstChunkIndex: number;
  readonly chunkCount: number;
  readonly includesFinalChunk: boolean;
}

export function ciphertextSize(plaintextSize: number, chunkSize: number): number {
  assertChunkSize(chunkSize);
  assertSize(plaintextSize, 'plaintext size');
  return HEADER_LENGTH + chunkCount(plaintextSize, chunkSize) * TAG_LENGTH + plaintextSize;
}

/** Throws TRUNCATED for a size no ciphertext can have (the object was cut short). */
export function plaintextSize(ciphertextSize: number, chunkSize: number): number {
  assertChunkSize(chunkSize);
  assertSize(ciphertextSize, 'ciphertext size');
  const body = ciphertextSize - HEADER_LENGTH;
  const sealedChunkSize = chunkSize + TAG_LENGTH;
  const fullChunks = Math.floor(body / sealedChunkSize);
  const tail = body % sealedChunkSize;
  // Every stream has a final chunk; only an empty stream's final chunk holds no plaintext.
  const tailIsImpossible = tail > 0 && tail < (fullChunks === 0 ? TAG_LENGTH : TAG_LENGTH + 1);
  if (body < TAG_LENGTH || tailIsImpossible) {
    throw new DecryptionError(DecryptionErrorCode.Truncated, 'No complete encrypted stream has this size.');
  }
  return body - (fullChunks + (tail > 0 ? 1 : 0)) * TAG_LENGTH;
}

/** Throws RangeError for a range that is not inside the plaintext (answer 416). */
export function mapPlaintextRange(range: ByteRange, ciphertextSize: number, chunkSize: number): RangeSlice {
  const size = plaintextSize(ciphertextSize, chunkSize);
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || start > end || end >= size) {
    throw new RangeError(`The range ${start}-${end} is not inside a plaintext of ${size} bytes.`);
  }
  const sealedChunkSize = chunkSize + TAG_LENGTH;
  const firstChunkIndex = Math.floor(start / chunkSize);
  const lastChunkIndex = Math.floor(end / chunkSize);
  return {
    chunkSize,
    plaintext: { start, end },
    ciphertext: {
      start: HEADER_LENGTH + firstChunkIndex * sealedChunkSize,
      end: Math.min(HEADER_LENGTH + (lastChunkIndex + 1) * sealedChunkSize, ciphertextSize) - 1,
    },
    firstChunkIndex,
    chunkCount: lastChunkIndex - firstChunkIndex + 1,
    includesFinalChunk: lastChunkIndex === chunkCount(size, chunkSize) - 1,
  };
}

/**
 * Decrypts the fetched slice to exactly the planned plaintext range. `header` is the
 * object's first HEADER_LENGTH bytes (fetch them, or keep them with the object's row:
 * they are authenticated by every chunk either way).
 */
export function createRangeDecryptStream(dataKey: DataKey, header: Uint8Array, slice: RangeSlice): DecryptStream {
  const parsed = parseStreamHeader(header, dataKey);
  if (parsed.chunkSize !== slice.chunkSize) {
    throw new RangeError('The slice was planned for another chunk size than this header names.');
  }
  return new DecryptStream(dataKey, {
    header: parsed,
    firstChunkIndex: slice.firstChunkIndex,
    ciphertextLength: slice.ciphertext.end - slice.ciphertext.start + 1,
    includesFinalChunk: slice.includesFinalChunk,
    skip: slice.plaintext.start - slice.firstChunkIndex * slice.chunkSize,
    length: slice.plaintext.end - slice.plaintext.start + 1,
  });
}

function chunkCount(plaintextSize: number, chunkSize: number): number {
  return Math.max(1, Math.ceil(plaintextSize / chunkSize));
}

function assertSize(size: number, what: string): void {
  if (!Number.isSafeInteger(size) || size < 0) throw new RangeError(`The ${what} must be a non-negative integer.`);
}
