import { createCipheriv, randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DEFAULT_CHUNK_SIZE, JournalEncrypter, createEncryptStream, generateDataKey } from '@vetmeet/crypto';

/**
 * Encryption throughput per core, in memory: bytes encrypted per second of this process's CPU
 * time (user + system), so a busy machine slows the wall clock but not the figure much. Each
 * subject is warmed up, then measured three times; the best run is its figure (what the code
 * does when the machine lets it), all three are printed.
 */

export interface Throughput {
  what: string;
  bytes: number;
  wallSeconds: number;
  cpuSeconds: number;
}

/** The size of the pieces ffmpeg writes to its pipe (PLATFORM.md: 33–39 KB). */
export const PIPE_PIECE_BYTES = 36 * 1024;
/** One second of the bench's 720p video (1.5 Mbit/s): how much a journal seals between two flushes. */
const JOURNAL_FLUSH_BYTES = 192 * 1024;
const RUNS = 3;
const WARM_UP_BYTES = 16 * 2 ** 20;

interface Subject {
  what: string;
  run(bytes: number): Promise<void>;
}

/** The same random piece over and over, as ffmpeg's pipe hands it over. */
function pieces(totalBytes: number): Readable {
  const piece = randomBytes(PIPE_PIECE_BYTES);
  const count = Math.ceil(totalBytes / PIPE_PIECE_BYTES);
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

/** libs/crypto's createEncryptStream (64 KiB AES-256-GCM chunks), fed in pipe-sized pieces. */
const encryptStream: Subject = {
  what: `libs/crypto createEncryptStream, ${PIPE_PIECE_BYTES / 1024} KiB writes`,
  run: (bytes) => pipeline(pieces(bytes), createEncryptStream(generateDataKey()), discard()),
};

/** node:crypto's AES-256-GCM alone over the same chunk size: the ceiling the streams can reach. */
const aesGcm: Subject = {
  what: `node:crypto AES-256-GCM alone, ${DEFAULT_CHUNK_SIZE / 1024} KiB chunks`,
  run: async (bytes) => {
    const key = randomBytes(32);
    const nonce = randomBytes(12);
    const chunk = randomBytes(DEFAULT_CHUNK_SIZE);
    for (let done = 0; done < bytes; done += DEFAULT_CHUNK_SIZE) {
      nonce.writeUInt32BE(done / DEFAULT_CHUNK_SIZE, 8);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      cipher.update(chunk);
      cipher.final();
      cipher.getAuthTag();
    }
  },
};

/** The recordings' journal encrypter, pipe-sized writes, a flush (a new stream) after each second of video. */
function journalEncrypter(): Subject {
  return {
    what:
      `libs/crypto JournalEncrypter, ${PIPE_PIECE_BYTES / 1024} KiB writes, ` +
      `a flush per ${JOURNAL_FLUSH_BYTES / 1024} KiB`,
    run: async (bytes) => {
      const journal = new JournalEncrypter(generateDataKey(), { journalId: 'recording-journals/bench' });
      const piece = randomBytes(PIPE_PIECE_BYTES);
      let sinceFlush = 0;
      for (let done = 0; done < bytes; done += PIPE_PIECE_BYTES) {
        journal.write(piece);
        sinceFlush += PIPE_PIECE_BYTES;
        if (sinceFlush >= JOURNAL_FLUSH_BYTES) {
          journal.flush();
          sinceFlush = 0;
        }
      }
      journal.flush();
    },
  };
}

async function timed(subject: Subject, bytes: number): Promise<Throughput> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await subject.run(bytes);
  const used = process.cpuUsage(cpu);
  const wallSeconds = (performance.now() - start) / 1000;
  return { what: subject.what, bytes, wallSeconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

export const perCoreGBps = (result: Throughput) => result.bytes / result.cpuSeconds / 1e9;

export interface SubjectThroughput {
  best: Throughput;
  runs: Throughput[];
}

/** Every subject, the recordings' own encrypter first (the journal's when libs/crypto has it). */
export async function measureEncryption(bytes: number): Promise<SubjectThroughput[]> {
  const subjects = [journalEncrypter(), encryptStream, aesGcm];
  const results: SubjectThroughput[] = [];
  for (const subject of subjects) {
    await subject.run(WARM_UP_BYTES);
    const runs: Throughput[] = [];
    for (let run = 0; run < RUNS; run += 1) runs.push(await timed(subject, bytes));
    results.push({ best: runs.reduce((a, b) => (perCoreGBps(b) > perCoreGBps(a) ? b : a)), runs });
  }
  return results;
}

export function formatThroughput({ best, runs }: SubjectThroughput): string {
  return (
    `${best.what}: ${perCoreGBps(best).toFixed(2)} GB/s per core ` +
    `(best of ${runs.map((run) => perCoreGBps(run).toFixed(2)).join(', ')}; ` +
    `${(best.bytes / 2 ** 20).toFixed(0)} MiB each)`
  );
}
