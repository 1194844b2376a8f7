import { KeyObject, createCipheriv, createDecipheriv, createSecretKey } from 'node:crypto';
import { DataKey } from './data-key';
import { DecryptionError, DecryptionErrorCode } from './errors';
import { MAX_CHUNK_INDEX, StreamHeader, TAG_LENGTH, payloadKeyBytes } from './stream-format';

/**
 * Each chunk's nonce is the header's 7-byte prefix, a 4-byte big-endian chunk counter and a
 * 1-byte "final" flag (the STREAM construction of Hoang, Reyhanitabar, Rogaway and Vizár, as
 * Tink and age use it). A chunk therefore authenticates only at its own position and only
 * as last if it was written last: reordering, dropping, repeating or appending chunks all
 * break a tag. The header is every chunk's AAD, so a chunk never opens under another header.
 */
export class ChunkCipher {
  private readonly payloadKey: KeyObject;
  readonly sealedChunkSize: number;

  constructor(
    dataKey: DataKey,
    readonly header: StreamHeader,
  ) {
    const keyBytes = payloadKeyBytes(dataKey, header.salt);
    this.payloadKey = createSecretKey(keyBytes);
    keyBytes.fill(0);
    this.sealedChunkSize = header.chunkSize + TAG_LENGTH;
  }

  seal(index: number, final: boolean, plaintext: Uint8Array): Buffer {
    return Buffer.concat(this.sealDetached(index, final, plaintext));
  }

  /** The same bytes as `seal`, as ciphertext and tag: a stream writes both without copying them into one buffer. */
  sealDetached(index: number, final: boolean, plaintext: Uint8Array): [body: Buffer, tag: Buffer] {
    const sealed = this.sealPieces(index, final, [plaintext]);
    return [sealed[0], sealed[1]];
  }

  /**
   * A chunk whose plaintext arrives in pieces, sealed without joining them: the ciphertext of
   * each piece, then the tag (the last element). Same bytes as `seal` of their concatenation.
   */
  sealPieces(index: number, final: boolean, pieces: readonly Uint8Array[]): Buffer[] {
    if (index > MAX_CHUNK_INDEX) throw new RangeError('The stream is longer than 2^32 chunks; use a larger chunk size.');
    const cipher = createCipheriv('aes-256-gcm', this.payloadKey, this.nonce(index, final), { authTagLength: TAG_LENGTH });
    cipher.setAAD(this.header.bytes);
    const sealed = pieces.map((piece) => cipher.update(piece));
    cipher.final();
    sealed.push(cipher.getAuthTag());
    return sealed;
  }

  /** The plaintext, or undefined when the chunk does not authenticate here; nothing unverified leaves. */
  open(index: number, final: boolean, sealed: Buffer): Buffer | undefined {
    if (index > MAX_CHUNK_INDEX || sealed.length < TAG_LENGTH) return undefined;
    const decipher = createDecipheriv('aes-256-gcm', this.payloadKey, this.nonce(index, final), { authTagLength: TAG_LENGTH });
    decipher.setAAD(this.header.bytes);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_LENGTH));
    const plaintext = decipher.update(sealed.subarray(0, sealed.length - TAG_LENGTH));
    try {
      decipher.final();
      return plaintext;
    } catch {
      plaintext.fill(0);
      return undefined;
    }
  }

  /** A chunk that more ciphertext follows. */
  openMiddle(index: number, sealed: Buffer): Buffer {
    return this.open(index, false, sealed) ?? throwCorrupt(index);
  }

  /**
   * The last bytes of a stream, which must be its final chunk. Truncation is reported only
   * where it is provable: too few bytes to be a final chunk, or a whole chunk written as
   * not-final. A chunk cut in the middle looks exactly like a damaged final chunk and is CORRUPT.
   */
  openFinal(index: number, sealed: Buffer): Buffer {
    // Only an empty stream has an empty final chunk, and it is chunk 0.
    const shortestFinal = index === 0 ? TAG_LENGTH : TAG_LENGTH + 1;
    if (sealed.length < shortestFinal) {
      throw new DecryptionError(DecryptionErrorCode.Truncated, `The stream ends before its final chunk (at chunk ${index}).`);
    }
    const plaintext = this.open(index, true, sealed);
    if (plaintext) return plaintext;
    if (sealed.length === this.sealedChunkSize && this.open(index, false, sealed)) {
      throw new DecryptionError(DecryptionErrorCode.Truncated, `The stream ends after chunk ${index}, which was not its final chunk.`);
    }
    return throwCorrupt(index);
  }

  private nonce(index: number, final: boolean): Buffer {
    const nonce = Buffer.alloc(12);
    this.header.noncePrefix.copy(nonce, 0);
    nonce.writeUInt32BE(index, 7);
    nonce[11] = final ? 1 : 0;
    return nonce;
  }
}

function throwCorrupt(index: number): never {
  throw new DecryptionError(DecryptionErrorCode.Corrupt, `Chunk ${index} does not authenticate.`);
}
