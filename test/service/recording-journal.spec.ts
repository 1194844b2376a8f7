import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { generateDataKey } from '@vetmeet/crypto';
import { finalizeSegment } from '../../apps/api/src/recordings/storage/finalize-segment';
import { recoverJournals } from '../../apps/api/src/recordings/storage/recover-journals';
import { SegmentJournalWriter } from '../../apps/api/src/recordings/storage/segment-journal-writer';
import { JOURNAL_PREFIX, segmentKeys } from '../../apps/api/src/recordings/storage/segment-keys';
import { verifySegment } from '../../apps/api/src/recordings/storage/segment-manifest';
import { EBML_MAGIC, decodeErrors, matroskaH264Clip, probe, webmClip } from '../support/recording/media-tools';
import { localDriver, playback, s3Driver } from '../support/recording/segment-stores';

const CLIP_SECONDS = 6;
const PIECE = 35 * 1024;
const CUES_ID = Buffer.from([0x1c, 0x53, 0xbb, 0x6b]);
const CLUSTER_ID = Buffer.from([0x1f, 0x43, 0xb6, 0x75]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let clip: Buffer;
beforeAll(async () => (clip = await webmClip(CLIP_SECONDS)));

describe.each([localDriver, s3Driver])('recording segments', (makeDriver) => {
  const driver = makeDriver();
  beforeAll(() => driver.setUp());
  afterAll(() => driver.tearDown());

  describe(driver.name, () => {
    it('journals a segment as it arrives, never in clear; finalizes it seekable, verifiable, playable', async () => {
      const storage = driver.storage();
      const dataKey = generateDataKey();
      const keys = segmentKeys(randomUUID(), randomUUID());
      const writer = await SegmentJournalWriter.open(storage, keys.journalKey, dataKey, { flushIntervalMs: 100 });
      for (let offset = 0; offset < clip.length; offset += PIECE) {
        writer.write(clip.subarray(offset, offset + PIECE));
        await sleep(30);
      }
      await sleep(150);
      // Mid-recording, what is stored is encrypted: the spool, the parts, the growing file.
      expect(driver.storedContaining(EBML_MAGIC)).toEqual([]);
      writer.end();
      const journalManifest = await writer.manifest();
      expect(journalManifest).toMatchObject({ plaintextBytes: clip.length, cut: false });
      expect(journalManifest.streamCount).toBeGreaterThan(1);

      const { manifest, interrupted, journal } = await finalizeSegment({ storage, dataKey, keys, journalManifest });
      expect(interrupted).toBe(false);
      expect(journal).toMatchObject({ complete: true, plaintextBytes: clip.length });
      expect(Math.abs(manifest.durationMs - CLIP_SECONDS * 1000)).toBeLessThan(500);
      expect(await verifySegment(manifest, storage, keys.finalKey, dataKey)).toEqual({ ok: true });

      const webm = await playback(storage, keys.finalKey, dataKey);
      expect(webm.length).toBe(manifest.plaintextBytes);
      const probed = await probe(webm);
      expect(probed.codecs).toEqual(['vp8', 'opus']);
      expect(Math.abs(probed.durationSeconds - CLIP_SECONDS)).toBeLessThan(0.5);
      expect(await decodeErrors(webm)).toBe('');
      // Cues sit before the first cluster, so a player can seek at once.
      expect(webm.indexOf(CUES_ID)).toBeLessThan(webm.indexOf(CLUSTER_ID));
      expect(await storage.listIncomplete(JOURNAL_PREFIX)).toEqual([]);
      await expect(storage.stat(keys.journalKey)).rejects.toThrow();
      await expect(storage.stat(keys.scratchKey)).rejects.toThrow();
      expect(driver.storedContaining(EBML_MAGIC)).toEqual([]);
    });

    it('keeps an H.264 track in Matroska (WebM does not allow it), seekable and playable', async () => {
      const storage = driver.storage();
      const dataKey = generateDataKey();
      const keys = segmentKeys(randomUUID(), randomUUID());
      const h264 = await matroskaH264Clip(CLIP_SECONDS);
      const writer = await SegmentJournalWriter.open(storage, keys.journalKey, dataKey);
      writer.end(h264);
      const journalManifest = await writer.manifest();
      const { manifest } = await finalizeSegment({ storage, dataKey, keys, journalManifest, container: 'matroska' });
      const stored = await playback(storage, keys.finalKey, dataKey);
      expect((await probe(stored)).codecs).toEqual(['h264', 'opus']);
      expect(Math.abs(manifest.durationMs - CLIP_SECONDS * 1000)).toBeLessThan(500);
      expect(await decodeErrors(stored)).toBe('');
      expect(stored.indexOf(CUES_ID)).toBeLessThan(stored.indexOf(CLUSTER_ID));
      expect(stored.includes(Buffer.from('matroska'))).toBe(true);
    });

    it.each([
      ['audio' as const, ['opus']],
      ['video' as const, ['vp8']],
    ])('finalizes a track of %s alone seekable and playable too', async (tracks, codecs) => {
      const storage = driver.storage();
      const dataKey = generateDataKey();
      const keys = segmentKeys(randomUUID(), randomUUID());
      const single = await webmClip(4, tracks);
      const writer = await SegmentJournalWriter.open(storage, keys.journalKey, dataKey);
      writer.end(single);
      const { manifest } = await finalizeSegment({ storage, dataKey, keys, journalManifest: await writer.manifest() });
      const webm = await playback(storage, keys.finalKey, dataKey);
      const probed = await probe(webm);
      expect(probed.codecs).toEqual(codecs);
      expect(Math.abs(probed.durationSeconds - 4)).toBeLessThan(0.5);
      expect(Math.abs(manifest.durationMs - 4000)).toBeLessThan(500);
      expect(await decodeErrors(webm)).toBe('');
      expect(webm.indexOf(CUES_ID)).toBeGreaterThan(0);
      expect(webm.indexOf(CUES_ID)).toBeLessThan(webm.indexOf(CLUSTER_ID));
    });

    it('cut() stops at once: nothing given after it is stored, and what was sealed before finalizes', async () => {
      const storage = driver.storage();
      const dataKey = generateDataKey();
      const keys = segmentKeys(randomUUID(), randomUUID());
      const writer = await SegmentJournalWriter.open(storage, keys.journalKey, dataKey, { flushIntervalMs: 100 });
      const half = Math.floor(clip.length / 2);
      for (let offset = 0; offset < half; offset += PIECE) {
        writer.write(clip.subarray(offset, Math.min(offset + PIECE, half)));
      }
      await sleep(300);
      const journalManifest = await writer.cut();
      writer.write(clip.subarray(half));
      await sleep(200);
      expect(journalManifest.cut).toBe(true);
      expect(journalManifest.plaintextBytes).toBeLessThanOrEqual(half);
      expect((await storage.stat(keys.journalKey)).size).toBe(journalManifest.storedBytes);

      const { manifest, interrupted, journal } = await finalizeSegment({ storage, dataKey, keys, journalManifest });
      expect(interrupted).toBe(false);
      expect(journal.plaintextBytes).toBe(journalManifest.plaintextBytes);
      expect(await verifySegment(manifest, storage, keys.finalKey, dataKey)).toEqual({ ok: true });
      expect(await decodeErrors(await playback(storage, keys.finalKey, dataKey))).toBe('');
    });

    it('after SIGKILL of the writing process, recovery keeps all but the last second, and it plays', async () => {
      const dataKey = generateDataKey();
      const [recordingId, segmentId] = [randomUUID(), randomUUID()];
      const keys = segmentKeys(recordingId, segmentId);
      const script = ['-r', './bench/sfu/register-ts.cjs', 'test/support/recording/journal-writer-child.ts'];
      const child = spawn(process.execPath, script, {
        env: {
          ...process.env,
          ...driver.childEnv(),
          ...{ JOURNAL_KEY: keys.journalKey, DATA_KEY: dataKey.export().toString('base64') },
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const given: Array<{ bytes: number; at: number }> = [];
      let partial = '';
      child.stdout.setEncoding('utf8').on('data', (text: string) => {
        const lines = (partial + text).split('\n');
        partial = lines.pop() ?? '';
        for (const line of lines) given.push(JSON.parse(line) as { bytes: number; at: number });
      });
      while (given.length === 0) await sleep(50);
      await sleep(3000);
      const killedAt = Date.now();
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('close', resolve));

      const restarted = driver.storage();
      expect(await recoverJournals(restarted)).toEqual([{ recordingId, segmentId, keys }]);
      expect(await restarted.listIncomplete(JOURNAL_PREFIX)).toEqual([]);
      const { manifest, interrupted, journal } = await finalizeSegment({ storage: restarted, dataKey, keys });
      expect(interrupted).toBe(true);
      // Everything handed over more than a second before the kill (plus 300 ms for the flush's own I/O) survived.
      const safe = given.filter(({ at }) => at <= killedAt - 1000 - 300).at(-1)?.bytes ?? 0;
      expect(safe).toBeGreaterThan(0);
      expect(journal.plaintextBytes).toBeGreaterThanOrEqual(safe);
      expect(journal.plaintextBytes).toBeLessThanOrEqual(given.at(-1)?.bytes ?? 0);

      expect(await verifySegment(manifest, restarted, keys.finalKey, dataKey)).toEqual({ ok: true });
      const webm = await playback(restarted, keys.finalKey, dataKey);
      const probed = await probe(webm);
      expect(probed.codecs).toEqual(['vp8', 'opus']);
      // What was kept is bounded in bytes above; ffmpeg's pace under load varies, so the length only has to be real.
      expect(probed.durationSeconds).toBeGreaterThan(0.5);
      expect(await decodeErrors(webm)).toBe('');
      expect(driver.storedContaining(EBML_MAGIC)).toEqual([]);
    });
  });
});
