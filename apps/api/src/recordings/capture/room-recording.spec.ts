import { EventEmitter } from 'node:events';
import { ErrorCode, type RecordingStateView } from '@vetmeet/contracts';
import { FakeConsent, MemoryRecordingSinks, type MemorySegment } from '../../../../../test/support/memory-recording-sink';
import type { CallMember } from './consent-refusal';
import type { RecordableProducer, RecordingMedia, TrackHandle } from './recording-media';
import type { SegmentOutcome, SegmentSink } from './recording-sink';
import { RoomRecording } from './room-recording';

const OWNER: CallMember = { userId: 'owner-1', role: 'owner' };
const VET: CallMember = { userId: 'vet-1', role: 'consultant' };

class FakeProducer implements RecordableProducer {
  readonly observer = new EventEmitter();
  paused = false;
  closed = false;
  readonly rtpParameters: { codecs: { mimeType: string }[] };
  readonly appData: Record<string, unknown>;

  constructor(
    readonly id: string,
    readonly kind: 'audio' | 'video',
    peerId: string,
    source: string,
  ) {
    this.rtpParameters = { codecs: [{ mimeType: kind === 'audio' ? 'audio/opus' : 'video/VP8' }] };
    this.appData = { peerId, source };
  }

  pause(): void {
    this.paused = true;
    this.observer.emit('pause');
  }

  resume(): void {
    this.paused = false;
    this.observer.emit('resume');
  }

  close(): void {
    this.closed = true;
    this.observer.emit('close');
  }
}

/** A recorder double: writes a byte on demand, ends its segment as a TrackRecorder does. */
class FakeTrack implements TrackHandle {
  readonly ended: Promise<SegmentOutcome>;
  private resolve!: (outcome: SegmentOutcome) => void;
  private done = false;
  mayRestart = true;
  sinkBroken = false;

  constructor(
    readonly sink: SegmentSink,
    readonly producerId = '',
  ) {
    this.ended = new Promise((resolve) => (this.resolve = resolve));
  }

  emit(): void {
    if (!this.done) this.sink.write(Buffer.from([1]));
  }

  async stop(): Promise<SegmentOutcome> {
    if (!this.done) {
      this.done = true;
      await this.sink.end('completed');
      this.resolve('completed');
    }
    return this.ended;
  }

  /** The recorder died by itself (a killed ffmpeg). */
  die(): void {
    this.done = true;
    void this.sink.end('interrupted');
    this.resolve('interrupted');
  }

  cut(): void {
    if (this.done) return;
    this.done = true;
    void this.sink.end('cut');
    this.resolve('cut');
  }
}

function setUp(inCall: CallMember[] = [OWNER, VET]) {
  const producerEvents = new EventEmitter<{ producer: [RecordableProducer] }>();
  const producers: FakeProducer[] = [
    new FakeProducer('p-cam', 'video', OWNER.userId, 'camera'),
    new FakeProducer('p-mic', 'audio', OWNER.userId, 'microphone'),
    new FakeProducer('v-cam', 'video', VET.userId, 'camera'),
  ];
  const tracks: FakeTrack[] = [];
  const media: RecordingMedia = {
    producers: async () => producers.filter((producer) => !producer.closed),
    onProducer: (listener) => producerEvents.on('producer', listener),
    mimeTypeOf: (producer) => (producer.kind === 'audio' ? 'audio/webm;codecs=opus' : 'video/webm;codecs=vp8'),
    record: (producer, sink) => {
      const track = new FakeTrack(sink, producer.id);
      tracks.push(track);
      return track;
    },
  };
  const consent = new FakeConsent();
  const sinks = new MemoryRecordingSinks();
  const notices: RecordingStateView[] = [];
  const members = [...inCall];
  const recording = new RoomRecording({
    consultationId: 'c-1',
    ports: { consent, sinks },
    media,
    inCall: () => members,
    announce: (view) => notices.push(view),
  });
  const addProducer = (producer: FakeProducer) => {
    producers.push(producer);
    producerEvents.emit('producer', producer);
  };
  const segments = (): MemorySegment[] => sinks.recordings.flatMap((entry) => entry.segments);
  return { recording, consent, sinks, notices, tracks, producers, members, addProducer, segments };
}

describe(RoomRecording.name, () => {
  it('starts only while everyone in the call consented, naming the missing role and no person', async () => {
    const { recording, consent, notices, sinks } = setUp();
    consent.consented.add(VET.userId);
    const refusal = await recording.start(VET.userId).catch((error: { code: ErrorCode; message: string }) => error);
    expect(refusal).toMatchObject({ code: ErrorCode.ConsentMissing });
    expect((refusal as unknown as Error).message).toContain('the pet owner has not consented');
    expect((refusal as unknown as Error).message).not.toContain(OWNER.userId);
    expect(recording.view().status).toBe('off');
    expect(notices).toEqual([]);
    expect(sinks.recordings).toHaveLength(0);
  });

  it('records every unpaused producer as a segment and tells everyone, then stops them all on stop', async () => {
    const { recording, consent, notices, sinks, segments } = setUp();
    consent.consented.add(VET.userId).add(OWNER.userId);
    await expect(recording.start(VET.userId)).resolves.toMatchObject({ status: 'recording', reason: 'started' });
    expect(segments().map((segment) => [segment.meta.trackId, segment.meta.sequence])).toEqual([
      ['owner-1:camera', 0],
      ['owner-1:microphone', 1],
      ['vet-1:camera', 2],
    ]);
    await expect(recording.stop()).resolves.toMatchObject({ status: 'stopped', reason: 'stopped' });
    expect(segments().map((segment) => segment.outcome)).toEqual(['completed', 'completed', 'completed']);
    expect(sinks.recordings[0].outcome).toBe('completed');
    expect(notices.map((notice) => notice.status)).toEqual(['recording', 'stopped']);
    await expect(recording.stop()).rejects.toMatchObject({ code: ErrorCode.RecordingState });
  });

  it('makes a muted microphone, a resumed one, a screen share and a closed producer into segments of one recording', async () => {
    const { recording, consent, producers, addProducer, segments, sinks } = setUp();
    consent.consented.add(VET.userId).add(OWNER.userId);
    await recording.start(VET.userId);
    const mic = producers[1];
    mic.pause();
    await new Promise(setImmediate);
    mic.resume();
    const screen = new FakeProducer('p-screen', 'video', OWNER.userId, 'screen');
    addProducer(screen);
    screen.close();
    await new Promise(setImmediate);
    const micSegments = segments().filter((segment) => segment.meta.source === 'microphone');
    expect(micSegments.map((segment) => segment.outcome)).toEqual(['completed', undefined]);
    const screenSegments = segments().filter((segment) => segment.meta.source === 'screen');
    expect(screenSegments.map((segment) => segment.outcome)).toEqual(['completed']);
    expect(sinks.recordings).toHaveLength(1);
  });

  it('cuts every segment synchronously on a withdrawal: no byte reaches a sink after it', async () => {
    const { recording, consent, notices, tracks, segments, sinks } = setUp();
    consent.consented.add(VET.userId).add(OWNER.userId);
    await recording.start(VET.userId);
    for (const track of tracks) track.emit();
    recording.withdrawn(OWNER.userId);
    expect(segments().map((segment) => segment.outcome)).toEqual(['cut', 'cut', 'cut']);
    for (const track of tracks) track.emit();
    expect(segments().map((segment) => [segment.chunks.length, segment.writesAfterEnd])).toEqual([
      [1, 0],
      [1, 0],
      [1, 0],
    ]);
    expect(notices.at(-1)).toMatchObject({ status: 'stopped', reason: 'consent_withdrawn' });
    await new Promise(setImmediate);
    expect(sinks.recordings[0].outcome).toBe('cut');
  });

  it('does not start when a withdrawal comes while the start is checking consent', async () => {
    const { recording, consent, sinks } = setUp();
    consent.consented.add(VET.userId).add(OWNER.userId);
    const starting = recording.start(VET.userId);
    recording.withdrawn(OWNER.userId);
    await expect(starting).rejects.toMatchObject({ code: ErrorCode.ConsentMissing });
    expect(recording.view().status).toBe('off');
    expect(sinks.recordings[0].outcome).toBe('cut');
  });

  it('pauses when someone arrives without consent, and resumes (new segments) only once everyone consented', async () => {
    const { recording, consent, notices, segments, members } = setUp([VET]);
    consent.consented.add(VET.userId);
    await recording.start(VET.userId);
    members.push(OWNER);
    await recording.arrived(OWNER);
    expect(notices.at(-1)).toMatchObject({ status: 'paused', reason: 'joined_without_consent' });
    expect(segments().every((segment) => segment.outcome === 'completed')).toBe(true);
    await expect(recording.resume()).rejects.toMatchObject({ code: ErrorCode.ConsentMissing });
    consent.consented.add(OWNER.userId);
    await expect(recording.resume()).resolves.toMatchObject({ status: 'recording', reason: 'resumed' });
    expect(segments().filter((segment) => segment.outcome === undefined)).toHaveLength(3);
  });

  it('tells its sink of a pause, a resume and a stop as everyone is told, before the tracks have ended', async () => {
    const { recording, consent, sinks, members } = setUp([VET]);
    consent.consented.add(VET.userId);
    await recording.start(VET.userId);
    members.push(OWNER);
    await recording.arrived(OWNER);
    consent.consented.add(OWNER.userId);
    await recording.resume();
    await recording.stop();
    // A stop is dated when it was asked for: its recorders take about a second to finish their files.
    expect(sinks.recordings[0].statuses).toEqual([
      { status: 'recording', openSegments: 0 },
      { status: 'paused', openSegments: 3 },
      { status: 'recording', openSegments: 0 },
      { status: 'stopped', openSegments: 3 },
    ]);
  });

  it('refuses to start without storage, and ends a recording cleanly when the room closes', async () => {
    const { recording, consent, notices, segments } = setUp();
    consent.consented.add(VET.userId).add(OWNER.userId);
    const broken = new RoomRecording({
      consultationId: 'c-2',
      ports: { consent, sinks: { begin: () => Promise.reject(new Error('down')) } },
      media: { producers: async () => [], onProducer: () => undefined, mimeTypeOf: () => undefined, record: () => undefined as never },
      inCall: () => [VET],
      announce: () => undefined,
    });
    await expect(broken.start(VET.userId)).rejects.toMatchObject({ code: ErrorCode.RecordingUnavailable });
    await recording.start(VET.userId);
    await recording.close();
    expect(notices.at(-1)).toMatchObject({ status: 'stopped', reason: 'room_closed' });
    expect(segments().map((segment) => segment.outcome)).toEqual(['completed', 'completed', 'completed']);
  });

  it('records a track again in a new segment when its recorder died by itself, one that never got media a bounded number of times', async () => {
    jest.useFakeTimers();
    try {
      const { recording, consent, tracks, segments } = setUp();
      consent.consented.add(VET.userId).add(OWNER.userId);
      await recording.start(VET.userId);
      tracks[0].die();
      await jest.advanceTimersByTimeAsync(1_000);
      // The owner's microphone never gets media (its recorder ends before the first packet, again and again).
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const latest = tracks.filter((track) => track.producerId === 'p-mic').at(-1)!;
        latest.mayRestart = false;
        latest.die();
        await jest.advanceTimersByTimeAsync(1_000);
      }
      const microphoneSegments = segments().filter((segment) => segment.meta.trackId === 'owner-1:microphone');
      expect(microphoneSegments.map((segment) => segment.outcome)).toEqual(['interrupted', 'interrupted', 'interrupted']);
      expect(segments().filter((segment) => segment.meta.trackId === 'owner-1:camera').map((segment) => segment.outcome)).toEqual([
        'interrupted',
        undefined,
      ]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('does not record a track again whose sink refused a write', async () => {
    jest.useFakeTimers();
    try {
      const { recording, consent, tracks, segments } = setUp();
      consent.consented.add(VET.userId).add(OWNER.userId);
      await recording.start(VET.userId);
      tracks[0].sinkBroken = true;
      tracks[0].die();
      await jest.advanceTimersByTimeAsync(1_000);
      expect(segments().filter((segment) => segment.meta.trackId === 'owner-1:camera')).toHaveLength(1);
    } finally {
      jest.useRealTimers();
    }
  });

  it('records nothing of a newcomer while their consent is asked, and pauses if they have none', async () => {
    const { recording, consent, addProducer, segments, members } = setUp([VET]);
    consent.consented.add(VET.userId);
    let answer: (() => void) | undefined;
    const slowLedger = consent.standing.bind(consent);
    await recording.start(VET.userId);
    consent.standing = (consultationId, userIds) => new Promise((resolve) => (answer = () => resolve(slowLedger(consultationId, userIds))));
    members.push(OWNER);
    const checking = recording.arrived(OWNER);
    addProducer(new FakeProducer('p-new', 'video', OWNER.userId, 'camera'));
    await new Promise(setImmediate);
    expect(segments().filter((segment) => segment.meta.producerId === 'p-new')).toHaveLength(0);
    answer!();
    await checking;
    expect(segments().filter((segment) => segment.meta.producerId === 'p-new')).toHaveLength(0);
    expect(recording.view()).toMatchObject({ status: 'paused', reason: 'joined_without_consent' });
  });

  it("records a newcomer's media once their consent is found standing", async () => {
    const { recording, consent, addProducer, segments } = setUp([VET]);
    consent.consented.add(VET.userId).add(OWNER.userId);
    await recording.start(VET.userId);
    const checking = recording.arrived(OWNER);
    addProducer(new FakeProducer('p-new', 'video', OWNER.userId, 'camera'));
    await checking;
    expect(segments().filter((segment) => segment.meta.producerId === 'p-new')).toHaveLength(1);
    expect(recording.view().status).toBe('recording');
  });
});
