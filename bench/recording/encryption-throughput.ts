import { createCipheriv, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DEFAULT_CHUNK_SIZE, createEncryptStream, generateDataKey } from '@vetmeet/crypto';

/**
 * Encryption throughput per core, in memory: bytes encrypted per second of this process's CPU
 * time (user + system), so a busy machine slows the wall clock but not the figure much.
 */

export interface Throughput {
  what: string;
  bytes: number;
  wallSeconds: number;
  cpuSeconds: number;
}

/** The size of the pieces ffmpeg writes to its pipe (PLATFORM.md: 33–39 KB). */
export const PIPE_PIECE_BYTES = 36 * 1024;

async function timed(what: string, bytes: number, run: () => Promise<void>): Promise<Throughput> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await run();
  const used = process.cpuUsage(cpu);
  return { what, bytes, wallSeconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

/** The same random piece over and over, as ffmpeg's pipe hands it over. */
function pieces(totalBytes: number, pieceBytes: number): Readable {
  const piece = randomBytes(pieceBytes);
  const count = Math.ceil(totalBytes / pieceBytes);
  return Readable.from(
    (function* () {
      for (let index = 0; index < count; index += 1) yield piece;
    })(),
    { objectMode: false },
  );
}

function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

/** libs/crypto's createEncryptStream (64 KiB AES-256-GCM chunks) fed in pipe-sized pieces. */
export function encryptStreamThroughput(totalBytes: number): Promise<Throughput> {
  const bytes = Math.ceil(totalBytes / PIPE_PIECE_BYTES) * PIPE_PIECE_BYTES;
  return timed(`libs/crypto createEncryptStream, ${PIPE_PIECE_BYTES / 1024} KiB writes`, bytes, () =>
    pipeline(pieces(bytes, PIPE_PIECE_BYTES), createEncryptStream(generateDataKey()), discard()),
  );
}

/** node:crypto's AES-256-GCM alone over the same chunk size: the ceiling the stream can reach. */
export function aesGcmThroughput(totalBytes: number): Promise<Throughput> {
  const key = randomBytes(32);
  const chunk = randomBytes(DEFAULT_CHUNK_SIZE);
  const count = Math.ceil(totalBytes / DEFAULT_CHUNK_SIZE);
  return timed(`node:crypto AES-256-GCM alone, ${DEFAULT_CHUNK_SIZE / 1024} KiB chunks`, count * DEFAULT_CHUNK_SIZE, async () => {
    for (let index = 0; index < count; index += 1) {
      const cipher = createCipheriv('aes-256-gcm', key, randomBytes(12));
      cipher.update(chunk);
      cipher.final();
      cipher.getAuthTag();
    }
  });
}

export function formatThroughput(result: Throughput): string {
  const perCore = result.bytes / result.cpuSeconds / 1e9;
  const wall = result.bytes / result.wallSeconds / 1e9;
  return `${result.what}: ${perCore.toFixed(2)} GB/s per core (${(result.bytes / 2 ** 20).toFixed(0)} MiB, ${result.cpuSeconds.toFixed(2)} s CPU, ${wall.toFixed(2)} GB/s wall)`;
}
