import { Transform, type TransformCallback } from 'node:stream';
import { ChunkCipher } from './chunk-cipher';
import { DataKey, assertDataKey } from './data-key';
import { firstStreamSalt, nextStreamSalt } from './journal-chain';
import { FORMAT_VERSION, HEADER_LENGTH, STREAM_MAGIC, TAG_LENGTH, parseStreamHeader } from './stream-format';
import { TagDigest } from './tag-digest';

export interface JournalReaderOptions {
  /** The journal's id (its storage key): without it, the first stream is not checked to be this journal's. */
  readonly journalId?: string;
}

export interface JournalReport {
  /** True when the journal ends exactly after a stream's final chunk: nothing was cut. */
  readonly complete: boolean;
  readonly streamCount: number;
  readonly chunkCount: number;
  readonly plaintextBytes: number;
  /** Stored bytes that authenticated (the offset of the cut when not complete). */
  readonly readableBytes: number;
  /** Stored bytes after the cut that were dropped: a part-written chunk or header, or damage. */
  readonly discardedBytes: number;
  readonly tagDigest: string;
}

const STREAM_START = Buffer.concat([STREAM_MAGIC, Buffer.from([FORMAT_VERSION])]);

/**
 * Reads a journal (v1 streams back to back, see JournalEncrypter) and passes on the verified
 * plaintext of every complete chunk, including the sealed chunks of a last stream that a
 * crash cut before its final chunk. It never passes on a byte that did not authenticate; it
 * stops at the first one and reports where (`report`, set when the stream ends).
 *
 * A stream's final chunk may be shorter than the others, and nothing stores its length: a
 * chunk that does not open as a middle chunk is tried as final at each length after which
 * the next stream starts (its magic) or the journal ends, and GCM decides.
 */
export class JournalReader extends Transform {
  private pending: Buffer = Buffer.alloc(0);
  private cipher: ChunkCipher | undefined;
  private nextIndex = 0;
  private readonly tags = new TagDigest();
  private streamCount = 0;
  private plaintextBytes = 0;
  private readableBytes = 0;
  private stopped = false;
  private discarded = 0;
  private result: JournalReport | undefined;
  /** The salt the next stream must have; undefined: not checked (the first stream, with no id). */
  private expectedSalt: Buffer | undefined;

  constructor(
    private readonly dataKey: DataKey,
    options: JournalReaderOptions = {},
  ) {
    assertDataKey(dataKey);
    super();
    this.expectedSalt = options.journalId === undefined ? undefined : firstStreamSalt(options.journalId);
  }

  /** Set once the input has ended. */
  get report(): JournalReport | undefined {
    return this.result;
  }

  override _transform(piece: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.stopped) {
      this.discarded += piece.length;
      return done();
    }
    this.pending = this.pending.length === 0 ? piece : Buffer.concat([this.pending, piece]);
    this.step(false, done);
  }

  override _flush(done: TransformCallback): void {
    this.step(true, (error) => {
      if (error) return done(error);
      const complete = !this.stopped && this.cipher === undefined && this.pending.length === 0;
      this.discarded += this.pending.length;
      this.result = {
        complete,
        streamCount: this.streamCount,
        chunkCount: this.tags.chunkCount,
        plaintextBytes: this.plaintextBytes,
        readableBytes: this.readableBytes,
        discardedBytes: this.discarded,
        tagDigest: this.tags.hex(),
      };
      done();
    });
  }

  private step(ended: boolean, done: TransformCallback): void {
    try {
      while (!this.stopped && (this.cipher ? this.nextChunk(ended) : this.nextHeader())) {
        /* each call consumed one header or chunk */
      }
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  private nextHeader(): boolean {
    if (this.pending.length < HEADER_LENGTH) return false;
    // WRONG_KEY and UNSUPPORTED_VERSION are not damage to salvage around: they throw.
    const header = parseStreamHeader(this.pending.subarray(0, HEADER_LENGTH), this.dataKey);
    // A stream out of its place in the chain (moved, repeated, after a dropped one) ends what is readable.
    if (this.expectedSalt && !header.salt.equals(this.expectedSalt)) {
      this.stopped = true;
      return false;
    }
    this.cipher = new ChunkCipher(this.dataKey, header);
    this.nextIndex = 0;
    this.consume(HEADER_LENGTH);
    return true;
  }

  private nextChunk(ended: boolean): boolean {
    const cipher = this.cipher as ChunkCipher;
    const sealedSize = cipher.sealedChunkSize;
    // Only a whole chunk with more after it, or at the very end (a stream cut right after it), can be a middle one.
    if (this.pending.length > sealedSize || (ended && this.pending.length === sealedSize)) {
      const middle = cipher.open(this.nextIndex, false, this.pending.subarray(0, sealedSize));
      if (middle) return this.deliver(middle, sealedSize, false);
    }
    // A final chunk can be told only once what follows it is seen: the next header, or the end.
    if (!ended && this.pending.length < sealedSize + STREAM_START.length) return false;
    const shortest = this.nextIndex === 0 ? TAG_LENGTH : TAG_LENGTH + 1;
    let length = Math.min(sealedSize, this.pending.length);
    while (length >= shortest) {
      if (this.startsStreamOrEnds(length)) {
        const final = cipher.open(this.nextIndex, true, this.pending.subarray(0, length));
        if (final) return this.deliver(final, length, true);
      }
      // The next candidate is the previous place where a stream's magic could begin.
      length = length > 0 ? this.pending.lastIndexOf(STREAM_MAGIC[0], length - 1) : -1;
    }
    this.stopped = true;
    return false;
  }

  private startsStreamOrEnds(length: number): boolean {
    const rest = this.pending.subarray(length, length + STREAM_START.length);
    return rest.equals(STREAM_START.subarray(0, rest.length));
  }

  private deliver(plaintext: Buffer, stored: number, final: boolean): boolean {
    const tag = this.pending.subarray(stored - TAG_LENGTH, stored);
    this.tags.add(tag);
    if (final) this.expectedSalt = nextStreamSalt(tag);
    this.nextIndex += 1;
    this.consume(stored);
    if (final) {
      this.cipher = undefined;
      this.streamCount += 1;
    }
    this.plaintextBytes += plaintext.length;
    if (plaintext.length > 0) this.push(plaintext);
    return true;
  }

  private consume(length: number): void {
    this.pending = this.pending.subarray(length);
    this.readableBytes += length;
  }
}

export function createJournalReader(dataKey: DataKey, options?: JournalReaderOptions): JournalReader {
  return new JournalReader(dataKey, options);
}
