import { ErrorCode, RoomRequest, type JoinRoomView, type RecordingStateView } from '@vetmeet/contracts';
import { MediaWorkerPool } from '../../apps/api/src/media/media-worker-pool';
import { RecordingPorts } from '../../apps/api/src/recordings/capture/recording-ports';
import { RoomDirectory } from '../../apps/api/src/rooms/room-directory';
import { createConsultationFor, type ConsultationFixture } from '../support/consultations';
import { probeMedia } from '../support/media-probe';
import { FakeConsent, MemoryRecordingSinks, type MemorySegment } from '../support/memory-recording-sink';
import { connectRoomClient, cookieHeaderOf, nextNotice, roomCall, roomRequest, type RoomClient } from '../support/room-client';
import { feedCameraAndMicrophone, type FedVideoCodec, type RtpFeed } from '../support/rtp-feed';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually, recorderPids } from '../support/recording/recorder-processes';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('recording a consultation room', () => {
  let testApp: TestApp;
  let sinks: MemoryRecordingSinks;
  let consent: FakeConsent;

  beforeAll(async () => {
    testApp = await startTestApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => testApp?.close());

  beforeEach(() => {
    sinks = new MemoryRecordingSinks();
    consent = new FakeConsent();
    testApp.app.get(RecordingPorts).use({ sinks, consent });
  });

  /** The owner and the consultant in the call, the owner sending a camera and a microphone over RTP. */
  async function callWithMedia(videoCodec: FedVideoCodec = 'VP8'): Promise<{ fixture: ConsultationFixture; owner: RoomClient; consultant: RoomClient; feed: RtpFeed }> {
    const fixture = await createConsultationFor(testApp);
    const owner = await connectRoomClient(testApp.baseUrl, cookieHeaderOf(fixture.owner.agent));
    const consultant = await connectRoomClient(testApp.baseUrl, cookieHeaderOf(fixture.consultant.agent));
    await roomCall<JoinRoomView>(owner, RoomRequest.Join, { consultationId: fixture.consultationId });
    await roomCall<JoinRoomView>(consultant, RoomRequest.Join, { consultationId: fixture.consultationId });
    await roomCall(consultant, RoomRequest.Admit, { userId: fixture.owner.userId });
    consent.consented.add(fixture.owner.userId).add(fixture.consultant.userId);
    const room = testApp.app.get(RoomDirectory).get(fixture.consultationId)!;
    const feed = await feedCameraAndMicrophone(await room.media.room(), fixture.owner.userId, videoCodec);
    // The feeder's encoder settles first: a late start would make it send in a burst to catch up.
    await sleep(2_000);
    return { fixture, owner, consultant, feed };
  }

  function segmentsOf(source: string): MemorySegment[] {
    return sinks.recordings.flatMap((recording) => recording.segments).filter((segment) => segment.meta.source === source);
  }

  it('refuses the owner (FORBIDDEN), a start without everyone\'s consent (CONSENT_MISSING), and shows a late joiner the state', async () => {
    const fixture = await createConsultationFor(testApp);
    const owner = await connectRoomClient(testApp.baseUrl, cookieHeaderOf(fixture.owner.agent));
    const consultant = await connectRoomClient(testApp.baseUrl, cookieHeaderOf(fixture.consultant.agent));
    try {
      await expect(roomRequest(consultant, RoomRequest.StartRecording, {})).resolves.toMatchObject({ ok: false, error: { code: ErrorCode.NotFound } });
      const joined = await roomCall<JoinRoomView>(consultant, RoomRequest.Join, { consultationId: fixture.consultationId });
      expect(joined.recording).toEqual({ status: 'off', reason: null, since: null });
      await roomCall<JoinRoomView>(owner, RoomRequest.Join, { consultationId: fixture.consultationId });
      await roomCall(consultant, RoomRequest.Admit, { userId: fixture.owner.userId });
      await expect(roomRequest(owner, RoomRequest.StartRecording, {})).resolves.toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
      consent.consented.add(fixture.consultant.userId);
      await expect(roomCall(consultant, RoomRequest.RecordingReadiness, {})).resolves.toEqual({
        ready: false,
        missing: 'the pet owner has not consented to recording',
      });
      await expect(roomRequest(owner, RoomRequest.RecordingReadiness, {})).resolves.toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
      const refused = await roomRequest(consultant, RoomRequest.StartRecording, {});
      expect(refused).toMatchObject({ ok: false, error: { code: ErrorCode.ConsentMissing } });
      expect(JSON.stringify(refused)).not.toContain(fixture.owner.userId);
      expect(sinks.recordings).toHaveLength(0);

      consent.consented.add(fixture.owner.userId);
      await expect(roomCall(consultant, RoomRequest.StartRecording, {})).resolves.toMatchObject({ status: 'recording' });
      owner.disconnect();
      const again = await connectRoomClient(testApp.baseUrl, cookieHeaderOf(fixture.owner.agent));
      const rejoined = await roomCall<JoinRoomView>(again, RoomRequest.Join, { consultationId: fixture.consultationId });
      expect(rejoined.recording).toMatchObject({ status: 'recording', reason: 'started' });
      await roomCall(consultant, RoomRequest.StopRecording, {});
      again.disconnect();
    } finally {
      owner.disconnect();
      consultant.disconnect();
    }
  });

  it('pauses for everyone when someone is let into the call without a standing consent', async () => {
    const fixture = await createConsultationFor(testApp);
    const owner = await connectRoomClient(testApp.baseUrl, cookieHeaderOf(fixture.owner.agent));
    const consultant = await connectRoomClient(testApp.baseUrl, cookieHeaderOf(fixture.consultant.agent));
    try {
      consent.consented.add(fixture.consultant.userId);
      await roomCall<JoinRoomView>(consultant, RoomRequest.Join, { consultationId: fixture.consultationId });
      await expect(roomCall(consultant, RoomRequest.StartRecording, {})).resolves.toMatchObject({ status: 'recording' });
      await roomCall<JoinRoomView>(owner, RoomRequest.Join, { consultationId: fixture.consultationId });
      const paused = nextNotice(consultant, 'recording:state', (notice) => notice.status === 'paused');
      const ownerTold = nextNotice(owner, 'recording:state', (notice) => notice.status === 'paused');
      await roomCall(consultant, RoomRequest.Admit, { userId: fixture.owner.userId });
      await expect(paused).resolves.toMatchObject({ reason: 'joined_without_consent' });
      await expect(ownerTold).resolves.toMatchObject({ reason: 'joined_without_consent' });
      await expect(roomRequest(consultant, RoomRequest.ResumeRecording, {})).resolves.toMatchObject({ ok: false, error: { code: ErrorCode.ConsentMissing } });
      consent.consented.add(fixture.owner.userId);
      await expect(roomCall(consultant, RoomRequest.ResumeRecording, {})).resolves.toMatchObject({ status: 'recording', reason: 'resumed' });
      await roomCall(consultant, RoomRequest.StopRecording, {});
    } finally {
      owner.disconnect();
      consultant.disconnect();
    }
  });

  it('writes WebM that plays (VP8, Opus) from the first packet to the stop, a mute making two segments', async () => {
    const { owner, consultant, feed } = await callWithMedia();
    try {
      const told = nextNotice(owner, 'recording:state', (notice) => notice.status === 'recording');
      await expect(roomCall<RecordingStateView>(consultant, RoomRequest.StartRecording, {})).resolves.toMatchObject({ status: 'recording' });
      await expect(told).resolves.toMatchObject({ reason: 'started' });
      await sleep(2_500);
      const mutedAt = Date.now();
      await feed.microphone.pause();
      await sleep(1_000);
      await feed.microphone.resume();
      await sleep(2_000);
      const stoppedAt = Date.now();
      const stopped = nextNotice(owner, 'recording:state', (notice) => notice.status === 'stopped');
      await roomCall(consultant, RoomRequest.StopRecording, {});
      await expect(stopped).resolves.toMatchObject({ reason: 'stopped' });

      const [camera] = segmentsOf('camera');
      const microphone = segmentsOf('microphone');
      expect(segmentsOf('camera')).toHaveLength(1);
      expect(microphone).toHaveLength(2);
      expect([camera, ...microphone].map((segment) => segment.outcome)).toEqual(['completed', 'completed', 'completed']);
      expect(camera.meta).toMatchObject({ kind: 'video', codec: 'video/VP8', mimeType: 'video/webm;codecs=vp8' });

      const expected: [MemorySegment, string, number][] = [
        [camera, 'vp8', stoppedAt],
        [microphone[0], 'opus', mutedAt],
        [microphone[1], 'opus', stoppedAt],
      ];
      for (const [segment, codec, endedAt] of expected) {
        const probed = await probeMedia(segment.bytes);
        expect(segment.bytes.subarray(0, 4).toString('hex')).toBe('1a45dfa3');
        expect(probed).toMatchObject({ codec, decodeErrors: '', framesDecoded: probed.packets });
        const recordedSeconds = (endedAt - segment.startedAt!.getTime()) / 1000;
        expect(Math.abs(probed.durationSeconds - recordedSeconds)).toBeLessThan(0.5);
      }
      expect(sinks.recordings[0].outcome).toBe('completed');
      await eventually(() => recorderPids().length === 0);
      expect(recorderPids()).toEqual([]);
    } finally {
      feed.stop();
      owner.disconnect();
      consultant.disconnect();
    }
  });

  it('ends only the segment of a recorder killed with SIGKILL, keeps what it wrote, and the room goes on', async () => {
    const { owner, consultant, feed } = await callWithMedia();
    try {
      await roomCall(consultant, RoomRequest.StartRecording, {});
      await eventually(() => recorderPids().length === 2);
      await sleep(2_000);
      const [victim] = recorderPids();
      const killedAt = Date.now();
      process.kill(victim, 'SIGKILL');
      const all = () => [...segmentsOf('camera'), ...segmentsOf('microphone')];
      await eventually(() => all().some((segment) => segment.outcome));
      const killed = all().find((segment) => segment.outcome)!;
      const survivor = all().find((segment) => segment !== killed)!;
      expect(killed.outcome).toBe('interrupted');
      // What it wrote stays: all but the last cluster (a quarter of a second) before the kill.
      const kept = await probeMedia(killed.bytes);
      expect(kept.durationSeconds).toBeGreaterThan((killedAt - killed.startedAt!.getTime()) / 1000 - 0.5);

      // The track goes on in a new segment; the other track never stopped; the room answers.
      await eventually(() => all().some((segment) => segment.meta.sequence > 1 && segment.chunks.length > 0));
      const next = all().find((segment) => segment.meta.trackId === killed.meta.trackId && segment !== killed);
      expect(next?.chunks.length).toBeGreaterThan(0);
      const chunksThen = survivor.chunks.length;
      await sleep(1_000);
      expect(survivor.chunks.length).toBeGreaterThan(chunksThen);
      await expect(roomCall(owner, RoomRequest.Ping, {})).resolves.toHaveProperty('serverTime');
      await expect(roomCall(consultant, RoomRequest.StopRecording, {})).resolves.toMatchObject({ status: 'stopped' });
      expect([survivor.outcome, next?.outcome]).toEqual(['completed', 'completed']);
    } finally {
      feed.stop();
      owner.disconnect();
      consultant.disconnect();
    }
  });

  it('ends only the segment whose sink throws on a write, without starting it again, and the API stays up', async () => {
    const { owner, consultant, feed } = await callWithMedia();
    try {
      await roomCall(consultant, RoomRequest.StartRecording, {});
      const all = () => [...segmentsOf('camera'), ...segmentsOf('microphone')];
      await eventually(() => all().filter((segment) => segment.chunks.length > 0).length === 2, 10_000);
      const [camera, microphone] = all();
      camera.write = () => {
        throw new Error('storage fault');
      };
      await eventually(() => camera.outcome !== undefined);
      expect(camera.outcome).toBe('interrupted');
      const chunksThen = microphone.chunks.length;
      await sleep(1_500);
      expect(segmentsOf('camera')).toHaveLength(1);
      expect(microphone.chunks.length).toBeGreaterThan(chunksThen);
      await expect(roomCall(owner, RoomRequest.Ping, {})).resolves.toHaveProperty('serverTime');
      await expect(roomCall(consultant, RoomRequest.StopRecording, {})).resolves.toMatchObject({ status: 'stopped' });
      expect(microphone.outcome).toBe('completed');
    } finally {
      feed.stop();
      owner.disconnect();
      consultant.disconnect();
    }
  });

  it('cuts every segment at a withdrawal: no byte is handed over after it, and everyone is told', async () => {
    const { fixture, owner, consultant, feed } = await callWithMedia();
    try {
      await roomCall(consultant, RoomRequest.StartRecording, {});
      await sleep(2_000);
      const ownerTold = nextNotice(owner, 'recording:state', (notice) => notice.status === 'stopped');
      const consultantTold = nextNotice(consultant, 'recording:state', (notice) => notice.status === 'stopped');
      testApp.app.get(RecordingPorts).withdrawn(fixture.consultationId, fixture.owner.userId);
      const segments = [...segmentsOf('camera'), ...segmentsOf('microphone')];
      expect(segments.map((segment) => segment.outcome)).toEqual(['cut', 'cut']);
      const bytesAtCut = segments.map((segment) => segment.bytes.length);
      expect(bytesAtCut.every((length) => length > 0)).toBe(true);

      await expect(ownerTold).resolves.toMatchObject({ reason: 'consent_withdrawn' });
      await expect(consultantTold).resolves.toMatchObject({ reason: 'consent_withdrawn' });
      await sleep(1_500);
      expect(segments.map((segment) => segment.bytes.length)).toEqual(bytesAtCut);
      expect(segments.map((segment) => segment.writesAfterEnd)).toEqual([0, 0]);
      expect(sinks.recordings[0].outcome).toBe('cut');
      expect(recorderPids()).toEqual([]);
    } finally {
      feed.stop();
      owner.disconnect();
      consultant.disconnect();
    }
  });

  it("goes on through a media worker's death: the rebuilt room's producers are new segments of the same recording", async () => {
    const { fixture, owner, consultant, feed } = await callWithMedia();
    let second: RtpFeed | undefined;
    try {
      await roomCall(consultant, RoomRequest.StartRecording, {});
      const written = () => sinks.recordings.flatMap((recording) => recording.segments).filter((segment) => segment.chunks.length > 0);
      await eventually(() => written().length === 2, 10_000);
      await sleep(500);
      const pool = testApp.app.get(MediaWorkerPool);
      const reset = nextNotice(owner, 'room:mediaReset');
      process.kill(pool.status().pids[0], 'SIGKILL');
      await reset;
      feed.stop();
      const room = testApp.app.get(RoomDirectory).get(fixture.consultationId)!;
      second = await feedCameraAndMicrophone(await room.media.room(), fixture.owner.userId);
      const all = () => sinks.recordings.flatMap((recording) => recording.segments);
      await eventually(() => all().filter((segment) => segment.chunks.length > 0).length === 4, 10_000);
      await sleep(1_000);

      expect(sinks.recordings).toHaveLength(1);
      expect(all().map((segment) => segment.meta.sequence)).toEqual([0, 1, 2, 3]);
      expect(all().slice(0, 2).every((segment) => segment.outcome !== undefined)).toBe(true);
      expect(all().slice(2).map((segment) => segment.meta.producerId)).toEqual([second.camera.id, second.microphone.id]);
      await expect(roomCall(consultant, RoomRequest.StopRecording, {})).resolves.toMatchObject({ status: 'stopped' });
      for (const segment of all()) expect((await probeMedia(segment.bytes)).packets).toBeGreaterThan(10);
    } finally {
      second?.stop();
      feed.stop();
      owner.disconnect();
      consultant.disconnect();
    }
  });

  it('writes H.264 into Matroska that ffprobe reads and decodes whole', async () => {
    const { owner, consultant, feed } = await callWithMedia('H264');
    try {
      await roomCall(consultant, RoomRequest.StartRecording, {});
      await sleep(3_000);
      const stoppedAt = Date.now();
      await roomCall(consultant, RoomRequest.StopRecording, {});
      const [camera] = segmentsOf('camera');
      expect(camera.meta).toMatchObject({ codec: 'video/H264', mimeType: 'video/x-matroska;codecs=avc1' });
      const probed = await probeMedia(camera.bytes);
      expect(probed).toMatchObject({ codec: 'h264', decodeErrors: '', framesDecoded: probed.packets });
      expect(Math.abs(probed.durationSeconds - (stoppedAt - camera.startedAt!.getTime()) / 1000)).toBeLessThan(0.5);
    } finally {
      feed.stop();
      owner.disconnect();
      consultant.disconnect();
    }
  });
});
