import { Transform, Writable, type TransformCallback } from 'node:stream';

/** Passes bytes through unchanged, showing each piece to `look` on the way. */
export function tap(look: (piece: Buffer) => void): Transform {
  return new Transform({
    transform(piece: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      try {
        look(piece);
        done(null, piece);
      } catch (error) {
        done(error as Error);
      }
    },
  });
}

/** Swallows a stream: verification reads for the checks, not for the bytes. */
export function discard(): Writable {
  return new Writable({ write: (_piece, _encoding, done) => done() });
}
