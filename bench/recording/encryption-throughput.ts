// `npm run bench:recording:crypto`: encryption throughput for recordings, in MB/s per core
// (bytes over the CPU time this process spent, so a shared machine's waiting is not counted).
// Prints figures; no pass or fail. Goal (ISSUE 12): >= 1 GB/s per core with AES-NI.
//   raw encrypt      createEncryptStream, 64 KiB chunks, 1 MiB pieces, to nowhere
//   journal sealing  JournalEncrypter in ~35 KB pieces (capture's size), a flush (new stream)
//                    every 187.5 KB: one second of 1.5 Mbit/s video
//   journal writer   SegmentJournalWriter to the local disk store, flushing every second
//                    (final chunk + fdatasync), in 35 KB pieces
//   journal reading  JournalReader over a sealed journal (salvage and finalize read this way)
//   real-time track  a 1.5 Mbit/s track in 35 KB pieces as capture delivers them, for 10 s
//                    (BENCH_RECORDING_SECONDS): the writer's CPU as a share of one core
// Each figure is the best of three runs.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { JournalEncrypter, JournalReader, createEncryptStream, generateDataKey } from '@vetmeet/crypto';
import { SegmentJournalWriter } from '../../apps/api/src/recordings/storage/segment-journal-writer';
import { LocalDiskStorage } from '../../apps/api/src/storage/local-disk-storage';

const MB = 1e6;
const TOTAL = Number(process.env.BENCH_RECORDING_MB ?? 512) * MB;
const CAPTURE_PIECE = 35 * 1024;
const SECOND_OF_VIDEO = 187_500;
const dataKey = generateDataKey();
const noise = Buffer.alloc(1024 * 1024, 0x5a);

function pieces(total: number, size: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      const piece = noise.subarray(0, Math.min(size, total - sent));
      sent += piece.length;
      this.push(piece);
    },
  });
}

const nowhere = () => new Writable({ write: (_piece, _encoding, done) => done() });

/** Best of three runs: on a shared machine the slower runs measure the neighbours. */
async function measure(name: string, bytes: number, work: () => Promise<void> | void): Promise<void> {
  let cpuSeconds = Infinity;
  let wallSeconds = Infinity;
  for (let run = 0; run < 3; run++) {
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    await work();
    const cpu = process.cpuUsage(cpuBefore);
    cpuSeconds = Math.min(cpuSeconds, (cpu.user + cpu.system) / 1e6);
    wallSeconds = Math.min(wallSeconds, (performance.now() - wallBefore) / 1000);
  }
  const perCore = bytes / MB / cpuSeconds;
  const figure = (value: number, width: number) => value.toFixed(0).padStart(width);
  const wall = bytes / MB / wallSeconds;
  console.log(`${name.padEnd(18)} ${figure(bytes / MB, 5)} MB  ${figure(perCore, 6)} MB/s per core  ${figure(wall, 6)} MB/s wall`);
}

/** Capture-sized pieces, a flush (new stream) after every second of 1.5 Mbit/s video. */
function sealJournal(total: number, keep: (part: Buffer) => void): void {
  const encrypter = new JournalEncrypter(dataKey, { journalId: 'recording-journals/00/0000' });
  let sinceFlush = 0;
  for (let given = 0; given < total; given += CAPTURE_PIECE) {
    const piece = noise.subarray(0, Math.min(CAPTURE_PIECE, total - given));
    for (const part of encrypter.write(piece)) keep(part);
    sinceFlush += piece.length;
    if (sinceFlush >= SECOND_OF_VIDEO) {
      for (const part of encrypter.flush()) keep(part);
      sinceFlush = 0;
    }
  }
  for (const part of encrypter.flush()) keep(part);
}

async function main(): Promise<void> {
  console.log(`recording encryption, ${process.version}, AES-256-GCM (node:crypto), ${TOTAL / MB} MB each`);
  const encrypt = () => pipeline(pieces(TOTAL, noise.length), createEncryptStream(dataKey), nowhere());
  await measure('raw encrypt', TOTAL, encrypt);

  await measure('journal sealing', TOTAL, () => void sealJournal(TOTAL, () => undefined));

  const root = mkdtempSync(join(tmpdir(), 'vetmeet-bench-journal-'));
  try {
    const storage = new LocalDiskStorage(root);
    await storage.onModuleInit();
    await measure('journal writer', TOTAL, async () => {
      const writer = await SegmentJournalWriter.open(storage, `recording-journals/00/${randomUUID()}`, dataKey);
      await pipeline(pieces(TOTAL, CAPTURE_PIECE), writer);
      await writer.manifest();
      await storage.delete(writer.key);
    });
    await realTimeTrack(storage);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }

  const sealed: Buffer[] = [];
  sealJournal(128 * MB, (part) => sealed.push(part));
  const journal = Buffer.concat(sealed);
  const reader = () => new JournalReader(dataKey, { journalId: 'recording-journals/00/0000' });
  const read = () => pipeline(Readable.from([journal]), reader(), nowhere());
  await measure('journal reading', journal.length, read);
}

/** One track at capture's pace, through the writer to local disk: flushes (and fsyncs) once a second. */
async function realTimeTrack(storage: LocalDiskStorage): Promise<void> {
  const seconds = Number(process.env.BENCH_RECORDING_SECONDS ?? 10);
  const pieceEveryMs = (CAPTURE_PIECE / SECOND_OF_VIDEO) * 1000;
  const writer = await SegmentJournalWriter.open(storage, `recording-journals/00/${randomUUID()}`, dataKey);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let n = 0; performance.now() - started < seconds * 1000; n++) {
    writer.write(noise.subarray(0, CAPTURE_PIECE));
    const wait = Math.max(0, started + (n + 1) * pieceEveryMs - performance.now());
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  writer.end();
  const manifest = await writer.manifest();
  const cpu = process.cpuUsage(cpuBefore);
  const share = (cpu.user + cpu.system) / 1000 / (performance.now() - started);
  const overhead = (manifest.storedBytes / manifest.plaintextBytes - 1) * 100;
  const flushes = manifest.streamCount;
  console.log(
    `real-time track    ${seconds} s of 1.5 Mbit/s: ${(share * 100).toFixed(2)}% of a core, ${flushes} flushes, ` +
      `${overhead.toFixed(2)}% stored overhead`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
