import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Transform } from 'node:stream';
import { HEADER_LENGTH, TAG_LENGTH } from '../src/stream-format';

/** A seeded generator, so a failing random case can be replayed from the seed in the test name. */
export function seededRandom(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

/** Deterministic bytes, cheaper than randomBytes for large inputs and easy to regenerate. */
export function patternBytes(length: number, seed = 1): Buffer {
  const bytes = Buffer.allocUnsafe(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

/** Splits input into pieces of the given size, the way a socket or file reader would deliver it. */
export function piecesOf(bytes: Buffer, pieceSize: number): Readable {
  return Readable.from(
    (function* () {
      for (let offset = 0; offset < bytes.length; offset += pieceSize) yield bytes.subarray(offset, offset + pieceSize);
    })(),
  );
}

export async function collect(source: Readable, ...transforms: Transform[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      parts.push(chunk);
      done();
    },
  });
  await pipeline([source, ...transforms, sink]);
  return Buffer.concat(parts);
}

/** What a stream emitted before it failed, and how it failed. */
export async function collectUntilError(source: Readable, transform: Transform): Promise<{ emitted: Buffer; error: unknown }> {
  const parts: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      parts.push(chunk);
      done();
    },
  });
  try {
    await pipeline(source, transform, sink);
    return { emitted: Buffer.concat(parts), error: undefined };
  } catch (error) {
    return { emitted: Buffer.concat(parts), error };
  }
}

/** Header and sealed chunks of a stored stream, so tests can cut, drop and reorder them. */
export function splitSealed(ciphertext: Buffer, chunkSize: number, headerLength = HEADER_LENGTH): { header: Buffer; chunks: Buffer[] } {
  const sealed = chunkSize + TAG_LENGTH;
  const chunks: Buffer[] = [];
  for (let offset = headerLength; offset < ciphertext.length; offset += sealed) chunks.push(ciphertext.subarray(offset, offset + sealed));
  return { header: ciphertext.subarray(0, headerLength), chunks };
}

export function flipBit(bytes: Buffer, offset: number, bit = 0): Buffer {
  const copy = Buffer.from(bytes);
  copy[offset] ^= 1 << bit;
  return copy;
}
