import { Transform, type TransformCallback } from 'node:stream';

/** Passes bytes through until there are more than `limit`, then fails with what `tooLarge` makes. */
export class ByteLimit extends Transform {
  bytes = 0;

  constructor(
    private readonly limit: number,
    private readonly tooLarge: () => Error,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) done(this.tooLarge());
    else done(null, chunk);
  }
}
