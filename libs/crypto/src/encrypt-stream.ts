import { ChunkCipher } from './chunk-cipher';
import { DataKey } from './data-key';
import { FrameSpec, FramedTransform } from './framed-transform';
import { DEFAULT_CHUNK_SIZE, TAG_LENGTH, createHeader } from './stream-format';

export interface EncryptOptions {
  /** Plaintext bytes per chunk; the unit of range reads. Defaults to 64 KiB. */
  readonly chunkSize?: number;
}

/**
 * Plaintext in, the stored format out (header, then sealed chunks), for files of any size
 * in constant memory. A chunk is sealed only once more input shows it is not the last, so
 * the final chunk carries the final flag even when the plaintext is an exact number of
 * chunks, and an empty plaintext still yields one (empty) final chunk.
 *
 * The output is complete only when the stream ends normally: a writer that crashes leaves
 * a file without a final chunk, which never decrypts (TRUNCATED or CORRUPT).
 */
export class EncryptStream extends FramedTransform {
  private readonly cipher: ChunkCipher;
  private nextIndex = 0;

  constructor(dataKey: DataKey, options: EncryptOptions = {}) {
    const header = createHeader(dataKey, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
    super({ writableHighWaterMark: header.chunkSize, readableHighWaterMark: header.chunkSize + TAG_LENGTH });
    this.cipher = new ChunkCipher(dataKey, header);
    this.push(header.bytes);
  }

  protected nextFrame(): FrameSpec {
    return { length: this.cipher.header.chunkSize, holdBack: true };
  }

  protected onFrame(plaintext: Buffer): boolean {
    const [body, tag] = this.cipher.sealDetached(this.nextIndex++, false, plaintext);
    this.push(body);
    return this.push(tag);
  }

  protected onEnd(rest: Buffer): void {
    const [body, tag] = this.cipher.sealDetached(this.nextIndex, true, rest);
    this.push(body);
    this.push(tag);
  }
}

export function createEncryptStream(dataKey: DataKey, options?: EncryptOptions): EncryptStream {
  return new EncryptStream(dataKey, options);
}
