import { createHash, type Hash } from 'node:crypto';
import { HEADER_LENGTH, TAG_LENGTH } from './stream-format';

/**
 * A manifest names an encrypted object by the SHA-256 of its chunk tags in order. Each tag
 * already authenticates its chunk, its position and its stream, so hashing the tags alone
 * pins every byte and the order, and an object swapped for another well-formed stream under
 * the same data key (which would still decrypt) no longer matches.
 */
export class TagDigest {
  private readonly hash: Hash = createHash('sha256');
  private count = 0;
  private digest: string | undefined;

  add(tag: Uint8Array): void {
    if (this.digest) throw new Error('The digest was already read.');
    if (tag.length !== TAG_LENGTH) throw new RangeError(`A chunk tag is ${TAG_LENGTH} bytes.`);
    this.hash.update(tag);
    this.count += 1;
  }

  get chunkCount(): number {
    return this.count;
  }

  /** Hex; no tag can be added once it is read. */
  hex(): string {
    return (this.digest ??= this.hash.digest('hex'));
  }
}

export interface StoredStreamSummary {
  readonly storedBytes: number;
  readonly chunkCount: number;
  readonly tagDigest: string;
}

/**
 * Follows the stored bytes of one v1 stream as they pass (to storage or from it) and picks
 * out each chunk's tag by position alone, without the key: every chunk but the last is
 * exactly `chunkSize + 16` bytes, and the last one ends the stream.
 */
export class StoredStreamDigest {
  private readonly tags = new TagDigest();
  private readonly sealedChunkSize: number;
  private seen = 0;
  /** Bytes of the current chunk seen so far, and the last 16 of them. */
  private inChunk = 0;
  private tail = Buffer.alloc(0);

  constructor(chunkSize: number) {
    this.sealedChunkSize = chunkSize + TAG_LENGTH;
  }

  update(piece: Buffer): void {
    let offset = 0;
    if (this.seen < HEADER_LENGTH) offset = Math.min(piece.length, HEADER_LENGTH - this.seen);
    this.seen += piece.length;
    while (offset < piece.length) {
      // A full chunk followed by at least one more byte was not the last one.
      if (this.inChunk === this.sealedChunkSize) {
        this.tags.add(this.tail);
        this.inChunk = 0;
      }
      const take = Math.min(piece.length - offset, this.sealedChunkSize - this.inChunk);
      this.keepTail(piece.subarray(offset, offset + take));
      this.inChunk += take;
      offset += take;
    }
  }

  /** The summary of a stream that ended here; a stream too short to hold a final chunk has none. */
  finish(): StoredStreamSummary {
    if (this.inChunk >= TAG_LENGTH) this.tags.add(this.tail);
    return { storedBytes: this.seen, chunkCount: this.tags.chunkCount, tagDigest: this.tags.hex() };
  }

  private keepTail(bytes: Buffer): void {
    this.tail =
      bytes.length >= TAG_LENGTH
        ? Buffer.from(bytes.subarray(bytes.length - TAG_LENGTH))
        : Buffer.concat([this.tail, bytes]).subarray(-TAG_LENGTH);
  }
}
