import type { TransformCallback } from 'node:stream';
import { ChunkCipher } from './chunk-cipher';
import { DataKey, assertDataKey } from './data-key';
import { DecryptionError, DecryptionErrorCode } from './errors';
import { FrameSpec, FramedTransform } from './framed-transform';
import { DEFAULT_CHUNK_SIZE, HEADER_LENGTH, StreamHeader, TAG_LENGTH, parseStreamHeader, partialHeaderError } from './stream-format';

/** Where a range read starts and what it keeps; planned by `mapPlaintextRange`. */
export interface DecryptWindow {
  /** Parsed with the same data key, so a wrong key already failed as WRONG_KEY. */
  readonly header: StreamHeader;
  readonly firstChunkIndex: number;
  readonly ciphertextLength: number;
  readonly includesFinalChunk: boolean;
  /** Plaintext bytes to drop from the first chunk, then bytes to keep. */
  readonly skip: number;
  readonly length: number;
}

/**
 * The stored format in, verified plaintext out, one chunk at a time in constant memory.
 *
 * A chunk's plaintext leaves only after its tag verified, but earlier chunks may already
 * have left when a later one fails. Consumers must treat a stream error as "discard
 * everything received", e.g. abort the HTTP response rather than end it, and never keep
 * a partial file.
 */
export class DecryptStream extends FramedTransform {
  private cipher: ChunkCipher | undefined;
  private nextIndex: number;
  private received = 0;
  private skip: number;
  private remaining: number;

  constructor(
    private readonly dataKey: DataKey,
    private readonly window?: DecryptWindow,
  ) {
    assertDataKey(dataKey);
    super({ writableHighWaterMark: DEFAULT_CHUNK_SIZE + TAG_LENGTH, readableHighWaterMark: DEFAULT_CHUNK_SIZE });
    this.nextIndex = window?.firstChunkIndex ?? 0;
    this.skip = window?.skip ?? 0;
    this.remaining = window?.length ?? Infinity;
    if (window) this.cipher = new ChunkCipher(dataKey, window.header);
  }

  override _transform(piece: Buffer, encoding: BufferEncoding, done: TransformCallback): void {
    this.received += piece.length;
    if (this.window && this.received > this.window.ciphertextLength) {
      done(new DecryptionError(DecryptionErrorCode.Corrupt, 'The slice is longer than the chunks it should hold.'));
      return;
    }
    super._transform(piece, encoding, done);
  }

  protected nextFrame(): FrameSpec {
    if (!this.cipher) return { length: HEADER_LENGTH, holdBack: false };
    return { length: this.cipher.sealedChunkSize, holdBack: true };
  }

  protected onFrame(frame: Buffer): boolean {
    if (!this.cipher) {
      this.cipher = new ChunkCipher(this.dataKey, parseStreamHeader(frame, this.dataKey));
      return true;
    }
    return this.deliver(this.cipher.openMiddle(this.nextIndex++, frame));
  }

  protected onEnd(rest: Buffer): void {
    if (!this.cipher) throw partialHeaderError(rest);
    if (!this.window) {
      this.deliver(this.cipher.openFinal(this.nextIndex, rest));
      return;
    }
    if (this.received < this.window.ciphertextLength) {
      throw new DecryptionError(DecryptionErrorCode.Truncated, 'The slice ends before the chunks it should hold.');
    }
    const plaintext = this.window.includesFinalChunk
      ? this.cipher.openFinal(this.nextIndex, rest)
      : this.cipher.openMiddle(this.nextIndex, rest);
    this.deliver(plaintext);
  }

  /** Range reads keep only the asked-for bytes of the chunks that cover them. */
  private deliver(plaintext: Buffer): boolean {
    const from = Math.min(this.skip, plaintext.length);
    const to = Math.min(plaintext.length, from + this.remaining);
    this.skip -= from;
    this.remaining -= to - from;
    return to > from ? this.push(plaintext.subarray(from, to)) : true;
  }
}

export function createDecryptStream(dataKey: DataKey): DecryptStream {
  return new DecryptStream(dataKey);
}
