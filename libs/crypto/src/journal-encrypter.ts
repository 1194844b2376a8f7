import { ByteQueue } from './byte-queue';
import { ChunkCipher } from './chunk-cipher';
import { firstStreamSalt, nextStreamSalt } from './journal-chain';
import { DataKey, assertDataKey } from './data-key';
import { DEFAULT_CHUNK_SIZE, assertChunkSize, createHeader } from './stream-format';
import { TagDigest } from './tag-digest';

export interface JournalOptions {
  /** The journal's id (its storage key): binds the first stream to this journal. */
  readonly journalId: string;
  /** Plaintext bytes per chunk; 64 KiB by default. */
  readonly chunkSize?: number;
}

export interface JournalSummary {
  /** Bytes handed out to be stored: headers, chunks and tags. */
  readonly storedBytes: number;
  readonly plaintextBytes: number;
  /** Complete v1 streams (each ended by a flush) in the journal. */
  readonly streamCount: number;
  readonly chunkCount: number;
  /** SHA-256 over every chunk tag in order, hex (see TagDigest). */
  readonly tagDigest: string;
}

/**
 * A journal is v1 streams stored back to back (see README.md, "Journals"). A v1 chunk is
 * sealed only when full or last, so a slow writer (an audio track, a few KB/s) would keep
 * seconds of plaintext in memory; `flush()` instead ends the current stream with a final
 * chunk (80 bytes of overhead: the next header and a tag), so everything written so far is
 * readable after a crash, and the next byte starts a new stream with its own salt.
 */
export class JournalEncrypter {
  private readonly pending = new ByteQueue();
  private readonly tags = new TagDigest();
  private cipher: ChunkCipher | undefined;
  private nextIndex = 0;
  private storedBytes = 0;
  private plaintextBytes = 0;
  private streamCount = 0;
  private readonly chunkSize: number;
  /** The salt of the next stream: chained to the one before (journal-chain.ts). */
  private nextSalt: Buffer;

  constructor(
    private readonly dataKey: DataKey,
    options: JournalOptions,
  ) {
    assertDataKey(dataKey);
    this.chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
    assertChunkSize(this.chunkSize);
    this.nextSalt = firstStreamSalt(options.journalId);
  }

  /** True while some plaintext is not yet readable from what was handed out. */
  get hasUnflushed(): boolean {
    return this.cipher !== undefined;
  }

  /** What to append now: a header when a stream starts, then every chunk known not to be the last. */
  write(plaintext: Buffer): Buffer[] {
    if (plaintext.length === 0) return [];
    const out: Buffer[] = [];
    if (!this.cipher) {
      const header = createHeader(this.dataKey, this.chunkSize, this.nextSalt);
      this.cipher = new ChunkCipher(this.dataKey, header);
      this.nextIndex = 0;
      out.push(header.bytes);
    }
    this.pending.push(plaintext);
    this.plaintextBytes += plaintext.length;
    while (this.pending.length > this.chunkSize) out.push(...this.seal(false, this.pending.takePieces(this.chunkSize)));
    this.count(out);
    return out;
  }

  /** What to append to end the current stream (nothing when none is open). */
  flush(): Buffer[] {
    if (!this.cipher) return [];
    const out = this.seal(true, this.pending.takePieces(this.pending.length));
    this.nextSalt = nextStreamSalt(out[out.length - 1]);
    this.cipher = undefined;
    this.streamCount += 1;
    this.count(out);
    return out;
  }

  /** Unsealed plaintext is dropped (a cut: nothing more may be written); flush first to keep it. */
  summary(): JournalSummary {
    const { storedBytes, plaintextBytes, streamCount } = this;
    return { storedBytes, plaintextBytes, streamCount, chunkCount: this.tags.chunkCount, tagDigest: this.tags.hex() };
  }

  /** Forgets unsealed plaintext, for a writer told to stop at once. */
  discardUnsealed(): number {
    const dropped = this.pending.length;
    this.pending.takeAll();
    this.plaintextBytes -= dropped;
    return dropped;
  }

  /** Sealed from capture's pieces as they are, so no byte is copied to make a chunk or to join it to its tag. */
  private seal(final: boolean, pieces: Buffer[]): Buffer[] {
    const sealed = (this.cipher as ChunkCipher).sealPieces(this.nextIndex++, final, pieces);
    this.tags.add(sealed[sealed.length - 1]);
    return sealed;
  }

  private count(out: Buffer[]): void {
    for (const part of out) this.storedBytes += part.length;
  }
}
