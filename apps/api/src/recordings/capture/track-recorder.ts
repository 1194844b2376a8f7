import { Logger } from '@nestjs/common';
import type { types } from 'mediasoup';
import { retryKeyFrameIfStillWaiting } from '../../rooms/key-frame-retry';
import { freeRtpPortPair, waitUntilBound } from './loopback-udp';
import { recorderCapabilities, recorderFormatOf, recorderSdp } from './recorder-codec';
import { RecorderProcess } from './recorder-process';
import { GuardedSegment } from './guarded-segment';
import type { SegmentOutcome, SegmentSink } from './recording-sink';
import { highestLayers } from './highest-layers';

/** ffmpeg binds its ports 60–110 ms after spawn here; a loaded machine gets more. */
const BIND_TIMEOUT_MS = 5_000;

/**
 * Recorders start one at a time in this process, each from its spawn to its consumer's resume.
 * A spawn blocks the event loop for tens of milliseconds (fork of a large process), and ffmpeg
 * gives up after 2 s without a packet: started together, 16 or 32 recorders (a busy node, the
 * bench) each waited behind the others' spawns for their resume, and some ended before their
 * first packet.
 */
let recorderStarts: Promise<unknown> = Promise.resolve();
function startingOneAtATime<T>(start: () => Promise<T>): Promise<T> {
  const next = recorderStarts.then(start);
  recorderStarts = next.catch(() => undefined);
  return next;
}

/**
 * Records one producer of a room's router as one segment: a PlainTransport on loopback
 * sends a consumer of it (best simulcast/SVC layer, resumed only once ffmpeg listens) to
 * an ffmpeg copying it into a container, whose bytes go to the segment's sink. `ended`
 * resolves with the outcome whatever ends it: stop(), cut(), ffmpeg dying, the producer or
 * the router closing; it never rejects, so a recorder's failure is the segment's end only.
 */
export class TrackRecorder {
  private static readonly logger = new Logger(TrackRecorder.name);
  readonly ended: Promise<SegmentOutcome>;
  private finish!: (outcome: SegmentOutcome) => void;
  private transport: types.PlainTransport | undefined;
  private recorder: RecorderProcess | undefined;
  private consumer: types.Consumer | undefined;
  private mediaSeen = false;
  private sinkBroke = false;
  private state: 'starting' | 'running' | 'stopping' | 'done' = 'starting';
  private wasCut = false;
  private readonly sink: SegmentSink;

  private constructor(
    private readonly router: types.Router,
    private readonly producer: types.Producer,
    sink: SegmentSink,
  ) {
    this.ended = new Promise((resolve) => (this.finish = resolve));
    this.sink = new GuardedSegment(sink, () => this.sinkFailed());
  }

  /** Starts recording; the returned recorder may already be ending (ffmpeg missing, producer gone). */
  static start(router: types.Router, producer: types.Producer, sink: SegmentSink): TrackRecorder {
    const track = new TrackRecorder(router, producer, sink);
    void track.run();
    return track;
  }

  get sinkBroken(): boolean {
    return this.sinkBroke;
  }

  /** Whether the track is worth recording again after an end it did not ask for: media reached it, and the sink took it. */
  get mayRestart(): boolean {
    return this.mediaSeen && !this.sinkBroke;
  }

  /** The mimeType the segment's bytes will have, or undefined for a codec that is not recorded. */
  static mimeTypeOf(producer: types.Producer): string | undefined {
    return recorderFormatOf(producer.rtpParameters.codecs[0]?.mimeType ?? '')?.mimeType;
  }

  /** Ends the segment on purpose: ffmpeg finishes the container while packets still flow, then the transport goes. */
  async stop(): Promise<SegmentOutcome> {
    if (this.state === 'starting' || this.state === 'running') {
      this.state = 'stopping';
      // Paused by its producer, the consumer must not start again (the producer's resume is a new segment's).
      // (the producer's own flag: the consumer learns of the pause a moment later, from the worker).
      if (this.producer.paused || this.consumer?.producerPaused) await this.consumer?.pause().catch(() => undefined);
      if (this.recorder) await this.recorder.stop();
      else this.close('completed');
    }
    return this.ended;
  }

  /**
   * Consent withdrawn: synchronously, the sink is told and no byte reaches it any more; then
   * ffmpeg is killed and the transport closed.
   */
  cut(): void {
    if (this.state === 'done' || this.wasCut) return;
    this.wasCut = true;
    void this.sink.end('cut');
    this.recorder?.kill();
    this.close('cut');
  }

  private async run(): Promise<void> {
    try {
      const format = recorderFormatOf(this.producer.rtpParameters.codecs[0]?.mimeType ?? '');
      if (!format) throw new Error('codec not recorded');
      const port = await freeRtpPortPair();
      this.transport = await this.router.createPlainTransport({
        listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
        rtcpMux: false,
        comedia: false,
      });
      this.abortIfEnded();
      const consumer = await this.transport.consume({
        producerId: this.producer.id,
        rtpCapabilities: recorderCapabilities(this.router, this.producer),
        paused: true,
        preferredLayers: highestLayers(this.producer),
      });
      this.consumer = consumer;
      this.abortIfEnded();
      consumer.observer.once('close', () => void this.stop());
      const transport = this.transport;
      const started = await startingOneAtATime(async () => {
        this.recorder = await RecorderProcess.spawn(recorderSdp(consumer, port), format, (bytes) => this.write(bytes));
        void this.recorder.exited.then((exit) => this.close(exit.asked ? 'completed' : 'interrupted'));
        if (this.state !== 'starting') return false;
        await waitUntilBound([port, port + 1], BIND_TIMEOUT_MS, () => this.recorder?.isRunning === true);
        await transport.connect({ ip: '127.0.0.1', port, rtcpPort: port + 1 });
        this.noteFirstPacket(consumer);
        await consumer.resume();
        if (consumer.kind === 'video') {
          await consumer.requestKeyFrame();
          retryKeyFrameIfStillWaiting(consumer);
        }
        return true;
      });
      if (!started) return void this.recorder?.stop();
      this.state = this.state === 'starting' ? 'running' : this.state;
      TrackRecorder.logger.debug(`recording [producerId:${this.producer.id}, pid:${this.recorder?.pid}]`);
    } catch (error) {
      if (this.state === 'done') return this.release();
      TrackRecorder.logger.warn(`recorder failed [producerId:${this.producer.id}]: ${(error as Error).message}`);
      this.recorder?.kill();
      this.close('interrupted');
    }
  }

  /** The sink refused a write: the segment ends here (what it took stays), and the recorder with it. */
  private sinkFailed(): void {
    TrackRecorder.logger.warn(`recording sink failed [producerId:${this.producer.id}]`);
    this.sinkBroke = true;
    this.recorder?.kill();
    this.close('interrupted');
  }

  /** Stopped or cut while starting: what was made after that goes too. */
  private abortIfEnded(): void {
    if (this.state === 'done') throw new Error('ended while starting');
  }

  private release(): void {
    this.recorder?.kill();
    if (this.transport && !this.transport.closed) this.transport.close();
  }

  /** The container's time 0 is the first packet ffmpeg receives: its wall-clock time aligns this track with the others. */
  private noteFirstPacket(consumer: types.Consumer): void {
    consumer.on('trace', (trace) => {
      if (trace.type !== 'rtp' || trace.direction !== 'out') return;
      void consumer.enableTraceEvent([]).catch(() => undefined);
      consumer.removeAllListeners('trace');
      if (this.wasCut || this.state === 'done') return;
      this.mediaSeen = true;
      this.sink.firstMediaAt(new Date());
    });
    void consumer.enableTraceEvent(['rtp']).catch(() => undefined);
  }

  private write(bytes: Buffer): void {
    if (this.wasCut || this.state === 'done') return;
    this.sink.write(bytes);
  }

  private close(outcome: SegmentOutcome): void {
    if (this.state === 'done') return;
    this.state = 'done';
    if (!this.transport?.closed) this.transport?.close();
    const ending = this.wasCut ? Promise.resolve() : this.sink.end(outcome);
    void ending.then(() => this.finish(this.wasCut ? 'cut' : outcome));
  }
}
