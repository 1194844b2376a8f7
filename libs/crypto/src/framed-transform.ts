import { Transform, TransformCallback } from 'node:stream';
import { ByteQueue } from './byte-queue';

export interface FrameSpec {
  readonly length: number;
  /**
   * Wait for at least one byte more than the frame before cutting it, so the frame is known
   * not to be the last one (the last is sealed and opened differently: the STREAM final flag).
   */
  readonly holdBack: boolean;
}

/**
 * Both directions cut a byte stream into fixed-size frames. Frames are cut lazily, one per
 * `push` the reader has room for, so memory stays at about two frames plus the writer's
 * current piece, however large that piece and however long the stream: a plain Transform
 * would seal all of a 1 GB write at once. The write is acknowledged only once what is left
 * of it is shorter than a frame, which is what makes backpressure reach the writer.
 */
export abstract class FramedTransform extends Transform {
  private readonly input = new ByteQueue();
  private writeDone: TransformCallback | undefined;
  private cutting = false;

  /** Bytes held inside this stream: input not yet cut plus output not yet read. */
  get bufferedBytes(): number {
    return this.input.length + this.readableLength;
  }

  protected abstract nextFrame(): FrameSpec;
  /** Handles one frame; returns what `push` returned, false meaning the reader is full. */
  protected abstract onFrame(frame: Buffer): boolean;
  /** Handles what is left when the input ends: at most one frame. */
  protected abstract onEnd(rest: Buffer): void;

  override _transform(piece: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.input.push(piece);
    this.writeDone = done;
    this.cutFrames();
  }

  override _read(size: number): void {
    this.cutFrames();
    super._read(size);
  }

  override _flush(done: TransformCallback): void {
    try {
      this.onEnd(this.input.takeAll());
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  private cutFrames(): void {
    if (this.cutting || !this.writeDone) return;
    this.cutting = true;
    let failure: Error | undefined;
    try {
      if (!this.cutWhileReaderHasRoom()) return;
    } catch (error) {
      failure = error as Error;
    } finally {
      this.cutting = false;
    }
    const done = this.writeDone;
    this.writeDone = undefined;
    done(failure);
  }

  /** True when the input is used up as far as it can be; false when paused for the reader. */
  private cutWhileReaderHasRoom(): boolean {
    for (;;) {
      const { length, holdBack } = this.nextFrame();
      const ready = holdBack ? this.input.length > length : this.input.length >= length;
      if (!ready) return true;
      if (!this.onFrame(this.input.take(length))) return false;
    }
  }
}
