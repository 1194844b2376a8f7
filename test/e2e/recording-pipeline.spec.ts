import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RoomRequest, type RecordingSegmentView, type RecordingView } from '@vetmeet/contracts';
import { RecordingFinalizations } from '../../apps/api/src/recordings/pipeline/recording-finalizations';
import { LocalDiskStorage } from '../../apps/api/src/storage/local-disk-storage';
import { ObjectStorage } from '../../apps/api/src/storage/object-storage';
import type { ConsultationFixture } from '../support/consultations';
import { probeMedia } from '../support/media-probe';
import { filesUnder, plaintextAtRest, runRecordingsVerify } from '../support/recording/at-rest';
import { consentedCall, setRecordingConsent } from '../support/recording/consented-call';
import { rawGet, type RawResponse } from '../support/recordings';
import { cookieHeaderOf, nextNotice, roomCall } from '../support/room-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually, recorderPids } from '../support/recording/recorder-processes';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const SEALED = 64 * 1024 + 16;
const HEADER = 64;
const flipByte = (bytes: Buffer, at: number) => Buffer.from(bytes).fill(bytes[at] ^ 1, at, at + 1);

/**
 * The recording pipeline with its real parts: consent through the ledger's HTTP API, capture
 * of RTP-fed media, encrypted journals, background finalization into the local object store,
 * the rows and media read back over HTTP, and the operator's recordings:verify.
 */
describe('a recording through the real pipeline', () => {
  let testApp: TestApp;
  let dataDir: string;
  let storageDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vetmeet-data-'));
    testApp = await startTestApp({ TRUST_PROXY: 'loopback', DATA_DIR: dataDir });
    storageDir = String(testApp.config.STORAGE_DIR);
  });
  afterAll(async () => {
    await testApp?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const verifyEnv = () => ({
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    DATABASE_URL: testApp.database.url,
    DATA_DIR: dataDir,
    STORAGE_DIR: storageDir,
    MASTER_KEYS: `test1:${Buffer.alloc(32, 1).toString('base64')}`,
    SESSION_SECRET: 'test-session-secret-that-is-long-enough-0123456789',
  });
  const recordingsOf = async (fixture: ConsultationFixture) =>
    (await fixture.owner.agent.get(`/api/consultations/${fixture.consultationId}/recordings`).expect(200))
      .body as RecordingView[];
  const media = (fixture: ConsultationFixture, recordingId: string, segmentId: string, range?: string) =>
    rawGet(`${testApp.baseUrl}/api/recordings/${recordingId}/segments/${segmentId}/media`, {
      Cookie: cookieHeaderOf(fixture.owner.agent),
      ...(range ? { Range: range } : {}),
    });
  /** Seconds of media the segment should hold: from its first frame to `until`. */
  const recordedSeconds = (recording: RecordingView, segment: RecordingSegmentView, until: number) =>
    (until - (Date.parse(recording.startedAt) + segment.offsetMs)) / 1000;

  async function expectPlays(response: RawResponse, codec: string, seconds: number): Promise<void> {
    expect({ status: response.status, complete: response.complete }).toEqual({ status: 200, complete: true });
    expect(response.body.subarray(0, 4).toString('hex')).toBe('1a45dfa3');
    const probed = await probeMedia(response.body);
    expect(probed).toMatchObject({ codec, decodeErrors: '', framesDecoded: probed.packets });
    expect(Math.abs(probed.durationSeconds - seconds)).toBeLessThan(0.5);
  }

  let played: { fixture: ConsultationFixture; recording: RecordingView; camera: RecordingSegmentView; clear: Buffer };

  it('stores it encrypted, lists it to the owner, and plays it decrypted, whole and by Range', async () => {
    const { fixture, owner, consultant, feed } = await consentedCall(testApp);
    let stoppedAt: number;
    try {
      await roomCall(consultant, RoomRequest.StartRecording, {});
      await sleep(2_500);
      // While recording: journals on disk, none of them in clear.
      expect(filesUnder(storageDir)).toBeGreaterThan(0);
      expect(plaintextAtRest([storageDir, dataDir])).toEqual([]);
      await sleep(2_500);
      stoppedAt = Date.now();
      await roomCall(consultant, RoomRequest.StopRecording, {});
    } finally {
      feed.stop();
      owner.disconnect();
      consultant.disconnect();
    }
    await testApp.app.get(RecordingFinalizations).idle();

    const [recording, ...others] = await recordingsOf(fixture);
    expect(others).toEqual([]);
    expect(recording.status).toBe('stopped');
    const described = recording.segments.map((s) => [s.role, s.source, s.codec, s.outcome, s.playable]);
    expect(described.sort()).toEqual([
      ['owner', 'camera', 'video/VP8', 'completed', true],
      ['owner', 'microphone', 'audio/opus', 'completed', true],
    ]);
    for (const segment of recording.segments) {
      const whole = await media(fixture, recording.id, segment.id);
      const codec = segment.kind === 'video' ? 'vp8' : 'opus';
      await expectPlays(whole, codec, recordedSeconds(recording, segment, stoppedAt));
      expect(Math.abs(segment.durationMs! / 1000 - recordedSeconds(recording, segment, stoppedAt))).toBeLessThan(0.5);
      if (segment.source === 'camera') played = { fixture, recording, camera: segment, clear: whole.body };
    }
    const { clear } = played;
    const end = Math.min(clear.length - 1, 150_000);
    const span = await media(fixture, recording.id, played.camera.id, `bytes=70000-${end}`);
    expect({ status: span.status, range: span.headers['content-range'], complete: span.complete }).toEqual({
      status: 206,
      range: `bytes 70000-${end}/${clear.length}`,
      complete: true,
    });
    expect(span.body.equals(clear.subarray(70_000, end + 1))).toBe(true);

    expect(plaintextAtRest([storageDir, dataDir])).toEqual([]);
    const verified = await runRecordingsVerify(verifyEnv());
    expect(verified).toEqual({ code: 0, output: expect.stringContaining('2 segments checked, 0 damaged') });
  });

  it.each<[string, (stored: Buffer) => Buffer]>([
    ['a flipped byte', (stored) => flipByte(stored, stored.length - 50)],
    [
      'a dropped chunk',
      (stored) => Buffer.concat([stored.subarray(0, HEADER + SEALED), stored.subarray(HEADER + 2 * SEALED)]),
    ],
    [
      'two chunks swapped',
      (stored) =>
        Buffer.concat([
          stored.subarray(0, HEADER + SEALED),
          stored.subarray(HEADER + 2 * SEALED, HEADER + 3 * SEALED),
          stored.subarray(HEADER + SEALED, HEADER + 2 * SEALED),
          stored.subarray(HEADER + 3 * SEALED),
        ]),
    ],
  ])('finds %s in a segment on disk (recordings:verify exits 1, naming it); playback refuses it', async (_, tamper) => {
    const { fixture, recording, camera, clear } = played;
    const path = (testApp.app.get(ObjectStorage) as LocalDiskStorage).pathOf(`recordings/${recording.id}/${camera.id}`);
    const original = readFileSync(path);
    expect(original.length).toBeGreaterThan(HEADER + 3 * SEALED);
    writeFileSync(path, tamper(original));
    try {
      const verified = await runRecordingsVerify(verifyEnv());
      expect(verified.code).toBe(1);
      expect(verified.output).toContain(`DAMAGED recordings/${recording.id}/${camera.id}`);
      expect(verified.output).toContain('1 damaged');
      const read = await media(fixture, recording.id, camera.id);
      expect(read.status === 200 && read.complete).toBe(false);
      expect(read.body.length).toBeLessThan(clear.length);
    } finally {
      writeFileSync(path, original);
    }
    expect((await runRecordingsVerify(verifyEnv())).code).toBe(0);
  });

  it('stops within a second of a withdrawal over HTTP, telling everyone, and keeps no media after it', async () => {
    const { fixture, owner, consultant, feed } = await consentedCall(testApp);
    let withdrawnBy: number;
    try {
      await roomCall(consultant, RoomRequest.StartRecording, {});
      await sleep(3_000);
      const ownerTold = nextNotice(owner, 'recording:state', (notice) => notice.status === 'stopped');
      const consultantTold = nextNotice(consultant, 'recording:state', (notice) => notice.status === 'stopped');
      const askedAt = Date.now();
      await setRecordingConsent(fixture, fixture.owner, false);
      withdrawnBy = Date.now();
      await expect(ownerTold).resolves.toMatchObject({ reason: 'consent_withdrawn' });
      await expect(consultantTold).resolves.toMatchObject({ reason: 'consent_withdrawn' });
      expect(Date.now() - askedAt).toBeLessThan(1_000);
      await sleep(1_000);
      expect(recorderPids()).toEqual([]);
    } finally {
      feed.stop();
      owner.disconnect();
      consultant.disconnect();
    }
    await testApp.app.get(RecordingFinalizations).idle();
    const [recording] = await recordingsOf(fixture);
    expect(recording.status).toBe('stopped');
    expect(recording.segments.map((segment) => segment.outcome)).toEqual(['cut', 'cut']);
    for (const segment of recording.segments) {
      const read = await media(fixture, recording.id, segment.id);
      expect({ status: read.status, complete: read.complete }).toEqual({ status: 200, complete: true });
      const probed = await probeMedia(read.body);
      expect(probed.decodeErrors).toBe('');
      // No frame from after the withdrawal's answer: the media ends before it (ffmpeg's timeline, 0.1 s of jitter).
      expect(probed.durationSeconds).toBeLessThanOrEqual(recordedSeconds(recording, segment, withdrawnBy) + 0.1);
      const recorded = recordedSeconds(recording, segment, withdrawnBy);
      const kept = `kept ${probed.durationSeconds} s`;
      process.stdout.write(`withdrawal: ${segment.source} recorded ${recorded.toFixed(2)} s, ${kept}\n`);
      expect(probed.durationSeconds).toBeGreaterThan(recorded - 1.5);
    }
  });

  it("keeps a SIGKILLed recorder's segment interrupted, stored, playable; the track goes on in a new one", async () => {
    const { fixture, owner, consultant, feed } = await consentedCall(testApp);
    let killedAt: number;
    try {
      await roomCall(consultant, RoomRequest.StartRecording, {});
      await eventually(() => recorderPids().length === 2);
      await sleep(3_000);
      const before = recorderPids();
      killedAt = Date.now();
      process.kill(before[0], 'SIGKILL');
      await eventually(() => recorderPids().some((pid) => !before.includes(pid)));
      await sleep(2_500);
      await roomCall(consultant, RoomRequest.StopRecording, {});
    } finally {
      feed.stop();
      owner.disconnect();
      consultant.disconnect();
    }
    await testApp.app.get(RecordingFinalizations).idle();
    const [recording] = await recordingsOf(fixture);
    expect(recording.segments).toHaveLength(3);
    const interrupted = recording.segments.filter((segment) => segment.outcome === 'interrupted');
    expect(interrupted).toHaveLength(1);
    const [killed] = interrupted;
    const again = recording.segments.filter((segment) => segment.source === killed.source && segment !== killed);
    expect(again.map((segment) => [segment.outcome, segment.playable])).toEqual([['completed', true]]);
    expect(again[0].offsetMs).toBeGreaterThan(killed.offsetMs);
    expect(killed.playable).toBe(true);
    const read = await media(fixture, recording.id, killed.id);
    expect({ status: read.status, complete: read.complete }).toEqual({ status: 200, complete: true });
    const probed = await probeMedia(read.body);
    expect(probed).toMatchObject({ decodeErrors: '', framesDecoded: probed.packets });
    // At most the last second before the kill is lost, and nothing is made up.
    const upToKill = recordedSeconds(recording, killed, killedAt);
    expect(probed.durationSeconds).toBeGreaterThan(upToKill - 1);
    expect(probed.durationSeconds).toBeLessThan(upToKill + 0.5);
    expect((await media(fixture, recording.id, again[0].id)).complete).toBe(true);
  });
});
