import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type AttachmentView, type PetView, type SessionView } from '@vetmeet/contracts';
import { createDecryptStream, createEncryptStream, generateDataKey } from '@vetmeet/crypto';
import request from 'supertest';
import { STRONG_PASSWORD, registerAndSignIn } from '../test/support/accounts';
import { startTestApp, type TestApp } from '../test/support/test-app';

/**
 * Upload and download throughput of one 50 MiB video through the real app over loopback
 * HTTP: multipart parsing, type sniffing, AES-256-GCM encryption and the local disk store
 * on the way in; decryption on the way out. Body made on the fly, never held whole.
 */
jest.setTimeout(300_000);

const MIB = 1024 * 1024;
const SIZE = 50 * MIB;
const PIECE = MIB;
const ROUNDS = 3;

/** An MP4 header, then pseudo-random bytes: `SIZE` bytes in all, produced piece by piece. */
function videoBody(): Readable {
  const ftyp = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypisom', 'latin1'), Buffer.from([0, 0, 2, 0]), Buffer.from('isommp41', 'latin1')]);
  const noise = randomBytes(PIECE);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= SIZE) return void this.push(null);
      const piece = sent === 0 ? Buffer.concat([ftyp, noise.subarray(ftyp.length)]) : noise.subarray(0, Math.min(PIECE, SIZE - sent));
      sent += piece.length;
      this.push(piece);
    },
  });
}

const mibPerSecond = (bytes: number, ms: number) => `${(bytes / MIB / (ms / 1000)).toFixed(0)} MiB/s`;

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

describe('attachment throughput (50 MiB video, loopback)', () => {
  let testApp: TestApp;
  let storageDir: string;

  beforeAll(async () => {
    storageDir = mkdtempSync(join(tmpdir(), 'vetmeet-bench-'));
    testApp = await startTestApp({ STORAGE_DIR: storageDir });
  });
  afterAll(async () => {
    await testApp?.close();
    rmSync(storageDir, { recursive: true, force: true });
  });

  it('measures encryption alone, upload and download', async () => {
    const dataKey = generateDataKey();
    const sink = () => new Writable({ write: (_chunk, _encoding, done) => done() });
    const encryptOnly = await timed(() => pipeline(videoBody(), createEncryptStream(dataKey), sink()));
    const roundTrip = await timed(() => pipeline(videoBody(), createEncryptStream(dataKey), createDecryptStream(dataKey), sink()));

    const maria = await registerAndSignIn(testApp.baseUrl);
    const pet = (await maria.agent.post('/api/pets').set('X-CSRF-Token', maria.session.csrfToken).send({ name: 'Barsik', species: 'cat' }).expect(201)).body as PetView;
    const signIn = await request(testApp.baseUrl).post('/api/auth/sign-in').send({ email: maria.email, password: STRONG_PASSWORD }).expect(200);
    const cookie = ([] as string[]).concat(signIn.headers['set-cookie'] ?? []).map((line) => line.split(';')[0]).join('; ');
    const url = (path: string) => new URL(path, testApp.baseUrl);

    const boundary = 'vetmeet-bench';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nvideo\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="walk.mp4"\r\nContent-Type: video/mp4\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const upload = (sentHash: ReturnType<typeof createHash>) =>
      timed(
        () =>
          new Promise<AttachmentView>((resolve, reject) => {
            const outgoing = httpRequest(url(`/api/pets/${pet.id}/attachments`), {
              method: 'POST',
              headers: {
                cookie,
                'x-csrf-token': (signIn.body as SessionView).csrfToken,
                'content-type': `multipart/form-data; boundary=${boundary}`,
                'content-length': String(head.length + SIZE + tail.length),
              },
            });
            outgoing.on('error', reject);
            outgoing.on('response', (response: IncomingMessage) => {
              const parts: Buffer[] = [];
              response.on('data', (part: Buffer) => parts.push(part));
              response.on('end', () => (response.statusCode === 201 ? resolve(JSON.parse(Buffer.concat(parts).toString())) : reject(new Error(Buffer.concat(parts).toString()))));
            });
            const body = videoBody();
            body.on('data', (piece: Buffer) => sentHash.update(piece));
            outgoing.write(head);
            body.pipe(outgoing, { end: false });
            body.on('end', () => outgoing.end(tail));
          }),
      );

    const download = (id: string, range?: string) =>
      timed(
        () =>
          new Promise<{ bytes: number; sha256: string }>((resolve, reject) => {
            httpRequest(url(`/api/pets/${pet.id}/attachments/${id}/content`), { headers: { cookie, ...(range ? { range } : {}) } }, (response) => {
              const hash = createHash('sha256');
              let bytes = 0;
              response.on('data', (part: Buffer) => {
                bytes += part.length;
                hash.update(part);
              });
              response.on('end', () => resolve({ bytes, sha256: hash.digest('hex') }));
              response.on('error', reject);
            })
              .on('error', reject)
              .end();
          }),
      );

    const uploads: number[] = [];
    const downloads: number[] = [];
    const ranges: number[] = [];
    const ids: string[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const sentHash = createHash('sha256');
      const stored = await upload(sentHash);
      expect(stored.result.sizeBytes).toBe(SIZE);
      uploads.push(stored.ms);
      const whole = await download(stored.result.id);
      expect(whole.result).toEqual({ bytes: SIZE, sha256: sentHash.digest('hex') });
      downloads.push(whole.ms);
      ids.push(stored.result.id);
    }
    // Seeks as a video player makes them, each a request of its own (after the big transfers settled).
    for (const id of [...ids, ...ids]) {
      const slice = await download(id, `bytes=${20 * MIB}-${21 * MIB - 1}`);
      expect(slice.result.bytes).toBe(MIB);
      ranges.push(slice.ms);
    }
    // Buffer memory still reachable while a file streams in and out (collected every 100 ms,
    // so this round's speed means nothing): a file held whole would show as +50 MiB.
    const gc = (globalThis as { gc?: () => void }).gc;
    let retained = 'run node with --expose-gc to measure';
    if (gc) {
      gc();
      const baseline = process.memoryUsage().arrayBuffers;
      let peak = baseline;
      const sampler = setInterval(() => {
        gc();
        peak = Math.max(peak, process.memoryUsage().arrayBuffers);
      }, 100);
      const stored = await upload(createHash('sha256'));
      await download(stored.result.id);
      clearInterval(sampler);
      retained = `${((peak - baseline) / MIB).toFixed(1)} MiB`;
    }

    const best = (times: number[]) => Math.min(...times);
    const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
    const rate = (times: number[]) => `best ${mibPerSecond(SIZE, best(times))}, median ${mibPerSecond(SIZE, median(times))}`;

    console.log(
      [
        `attachment throughput, ${SIZE / MIB} MiB video over loopback HTTP, ${ROUNDS} rounds (client and server share one process):`,
        `  encrypt only (in process):       ${mibPerSecond(SIZE, encryptOnly.ms)}`,
        `  encrypt + decrypt (in process):  ${mibPerSecond(SIZE, roundTrip.ms)}`,
        `  upload (multipart, sniff, encrypt, disk + fsync, row, audit): ${rate(uploads)}`,
        `  download (disk, decrypt, HTTP, audit):                        ${rate(downloads)}`,
        `  1 MiB range from the middle (seek): median ${median(ranges).toFixed(1)} ms`,
        `  peak Buffer memory retained while streaming a file in and out (client and server): ${retained}`,
      ].join('\n'),
    );
  });
});
