import { Logger } from '@nestjs/common';
import { ErrorCode, type RecordingReadinessView, type RecordingStateReason, type RecordingStateView } from '@vetmeet/contracts';
import { AppError } from '../../common/errors/app-error';
import { settle } from './guarded-segment';
import { consentMissing, missingConsentSentence, type CallMember } from './consent-refusal';
import type { RecordingConsentCheck } from './recording-consent';
import type { RecordableProducer, RecordingMedia, TrackHandle } from './recording-media';
import type { RecordingSink, RecordingSinks, SegmentMeta, SegmentSink, TrackSource } from './recording-sink';
import { RecordingState } from './recording-state';

/** A recorder that ended by itself is started again this much later, so a failing one cannot spin. */
const RESTART_DELAY_MS = 500;
/**
 * A recorder that ended before its first packet is tried again this many times in a row: on a
 * loaded machine the key frame can come after ffmpeg's silence timeout, and giving up at once left
 * that track unrecorded for the rest of the recording. Bounded, so a recorder that cannot work
 * (ffmpeg missing, a sender that sends nothing) does not spin.
 */
const STARTS_WITHOUT_MEDIA = 3;

export interface RecordingPortsView {
  readonly consent: RecordingConsentCheck;
  readonly sinks: RecordingSinks;
}

export interface RoomRecordingDeps {
  consultationId: string;
  /** Read at each use, so what is wired (or a test's fake) after the room opened applies. */
  ports: RecordingPortsView;
  media: RecordingMedia;
  /** The people in the call now (admitted, connected). */
  inCall(): CallMember[];
  announce(view: RecordingStateView): void;
}

/**
 * A consultation room's recording: off → recording ⇄ paused → stopped (and a new start).
 * It records every unpaused producer of the room as segments of one recording, each track
 * run its own segment; a withdrawal cuts every segment synchronously before anything else.
 * Commands (start, stop, resume) run one at a time; a withdrawal never waits for them.
 */
export class RoomRecording {
  private readonly logger = new Logger(RoomRecording.name);
  private readonly state = new RecordingState();
  private readonly tracks = new Map<string, TrackHandle>();
  private readonly watched = new Set<string>();
  /** Per producer, how many recorders in a row ended before any media reached them. */
  private readonly startsWithoutMedia = new Map<string, number>();
  private sink: RecordingSink | undefined;
  private sequence = 0;
  /** Bumped by each withdrawal: a start or resume that saw consent before it must not go on. */
  private withdrawals = 0;
  private queue: Promise<unknown> = Promise.resolve();
  /** People who came into the call while it was recorded, whose consent is being asked: their media waits. */
  private readonly unchecked = new Set<string>();
  /** Bumped by each arrival: a start whose consent check did not include the newcomer checks again. */
  private arrivals = 0;

  constructor(private readonly deps: RoomRecordingDeps) {
    deps.media.onProducer((producer) => this.watch(producer));
  }

  view(): RecordingStateView {
    return this.state.view();
  }

  start(byUserId: string): Promise<RecordingStateView> {
    // Counted from the request on: a withdrawal while it waits for the ledger refuses it.
    const withdrawals = this.withdrawals;
    return this.serially(async () => {
      if (this.state.active) throw new AppError(ErrorCode.RecordingState, 'The call is already being recorded.');
      await this.requireConsentOfEveryone();
      const meta = { consultationId: this.deps.consultationId, startedBy: byUserId, startedAt: new Date() };
      const sink = await Promise.resolve().then(() => this.deps.ports.sinks.begin(meta)).catch(() => {
        throw new AppError(ErrorCode.RecordingUnavailable);
      });
      if (withdrawals !== this.withdrawals) {
        await settle(() => sink.finish('cut'));
        throw new AppError(ErrorCode.ConsentMissing, 'Recording needs everyone\'s consent, and someone has just withdrawn theirs.');
      }
      this.sink = sink;
      this.sequence = 0;
      this.announce('recording', 'started');
      await this.recordAll();
      return this.view();
    });
  }

  resume(): Promise<RecordingStateView> {
    // Counted from the request on: a withdrawal while it waits for the ledger refuses it.
    const withdrawals = this.withdrawals;
    return this.serially(async () => {
      if (this.state.status !== 'paused') throw new AppError(ErrorCode.RecordingState, 'The recording is not paused.');
      await this.requireConsentOfEveryone();
      if (withdrawals !== this.withdrawals || this.state.status !== 'paused') {
        throw new AppError(ErrorCode.RecordingState, 'The recording was stopped meanwhile.');
      }
      this.announce('recording', 'resumed');
      await this.recordAll();
      return this.view();
    });
  }

  stop(reason: RecordingStateReason = 'stopped'): Promise<RecordingStateView> {
    return this.serially(async () => {
      if (!this.state.active) throw new AppError(ErrorCode.RecordingState, 'The call is not being recorded.');
      await this.finish(reason);
      return this.view();
    });
  }

  /** Someone's recording consent was withdrawn: if recording, every segment is cut now, then the rest ends. */
  withdrawn(userId: string): void {
    this.withdrawals += 1;
    if (!this.state.active) return;
    for (const track of this.tracks.values()) track.cut();
    this.tracks.clear();
    const sink = this.sink;
    this.sink = undefined;
    this.announce('stopped', 'consent_withdrawn');
    this.logger.log(`recording cut: consent withdrawn [roomId:${this.deps.consultationId}, userId:${userId}]`);
    if (sink) void settle(() => sink.finish('cut'));
  }

  /**
   * Someone came into the call (call it synchronously on their arrival): while their consent is
   * asked, nothing of theirs is recorded; without a standing consent the recording pauses (its
   * segments end), with one their media joins the recording.
   */
  async arrived(member: CallMember): Promise<void> {
    this.arrivals += 1;
    if (this.state.status !== 'recording') return;
    this.unchecked.add(member.userId);
    const standing = await this.standing([member]).finally(() => this.unchecked.delete(member.userId));
    if (standing.get(member.userId) === true) {
      await this.recordAll();
      return;
    }
    await this.serially(async () => {
      if (this.state.status !== 'recording') return;
      this.announce('paused', 'joined_without_consent');
      await this.endTracks();
    });
  }

  /** The room is closing: a recording in progress ends as stopped. */
  close(): Promise<void> {
    return this.serially(async () => {
      if (this.state.active) await this.finish('room_closed');
    }).catch(() => undefined);
  }

  private async finish(reason: RecordingStateReason): Promise<void> {
    this.announce('stopped', reason);
    await this.endTracks();
    const sink = this.sink;
    this.sink = undefined;
    if (sink) await settle(() => sink.finish('completed'));
  }

  /** Whether a start or resume would pass the consent check now (the consultant's button says why not). */
  async readiness(): Promise<RecordingReadinessView> {
    const missing = await this.withoutConsent();
    return { ready: missing.length === 0, missing: missing.length === 0 ? null : missingConsentSentence(missing) };
  }

  /** Checks again if someone came in during the check, so nobody's arrival slips between the check and the start. */
  private async requireConsentOfEveryone(): Promise<void> {
    for (;;) {
      const arrivals = this.arrivals;
      const missing = await this.withoutConsent();
      if (missing.length > 0) throw consentMissing(missing);
      if (arrivals === this.arrivals) return;
    }
  }

  private async withoutConsent(): Promise<CallMember[]> {
    const members = this.deps.inCall();
    const standing = await this.standing(members);
    return members.filter((member) => standing.get(member.userId) !== true);
  }

  /** The ledger's answer; if it cannot be asked, nobody's consent stands. */
  private async standing(members: CallMember[]): Promise<Map<string, boolean>> {
    const ids = members.map((member) => member.userId);
    return Promise.resolve()
      .then(() => this.deps.ports.consent.standing(this.deps.consultationId, ids))
      .catch(() => new Map<string, boolean>());
  }

  private async recordAll(): Promise<void> {
    for (const producer of await this.deps.media.producers()) this.watch(producer);
  }

  /** Follows a producer for the recording's life: recorded while unpaused, ended on pause or close. */
  private watch(producer: RecordableProducer): void {
    if (!this.watched.has(producer.id) && !producer.closed) {
      this.watched.add(producer.id);
      const onPause = () => void this.endTrack(producer.id);
      const onResume = () => this.recordTrack(producer);
      producer.observer.on('pause', onPause);
      producer.observer.on('resume', onResume);
      producer.observer.on('close', () => {
        producer.observer.off('pause', onPause);
        producer.observer.off('resume', onResume);
        this.watched.delete(producer.id);
        void this.endTrack(producer.id);
      });
    }
    this.recordTrack(producer);
  }

  private recordTrack(producer: RecordableProducer): void {
    if (this.state.status !== 'recording' || !this.sink || producer.paused || producer.closed) return;
    if (this.tracks.has(producer.id) || this.unchecked.has(String(producer.appData.peerId))) return;
    const mimeType = this.deps.media.mimeTypeOf(producer);
    if (!mimeType) return;
    const userId = String(producer.appData.peerId);
    const source = (producer.appData.source ?? (producer.kind === 'audio' ? 'microphone' : 'camera')) as TrackSource;
    const segment = this.openSegment({
      trackId: `${userId}:${source}`,
      userId,
      kind: producer.kind,
      source,
      producerId: producer.id,
      codec: producer.rtpParameters.codecs[0].mimeType,
      mimeType,
      sequence: this.sequence++,
    });
    if (!segment) return;
    const track = this.deps.media.record(producer, segment);
    this.tracks.set(producer.id, track);
    void track.ended.then((outcome) => {
      if (this.tracks.get(producer.id) !== track) return;
      this.tracks.delete(producer.id);
      // The recorder died or its packets stopped for a while (not asked): the track goes on in a new segment.
      if (outcome === 'interrupted' && this.worthAnotherStart(producer.id, track)) {
        setTimeout(() => this.recordTrack(producer), RESTART_DELAY_MS).unref();
      }
    });
  }

  /** After an end nobody asked for: media had reached it (and its sink works), or it has not yet failed too often. */
  private worthAnotherStart(producerId: string, track: TrackHandle): boolean {
    if (track.sinkBroken) return false;
    if (track.mayRestart) {
      this.startsWithoutMedia.delete(producerId);
      return true;
    }
    const failures = (this.startsWithoutMedia.get(producerId) ?? 0) + 1;
    this.startsWithoutMedia.set(producerId, failures);
    return failures < STARTS_WITHOUT_MEDIA;
  }

  /** The sink's new segment, or none if it refuses (that track goes unrecorded; the others go on). */
  private openSegment(meta: SegmentMeta): SegmentSink | undefined {
    try {
      return this.sink?.openSegment(meta);
    } catch {
      this.logger.warn(`recording sink refused a segment [roomId:${this.deps.consultationId}, producerId:${meta.producerId}]`);
      return undefined;
    }
  }

  private async endTrack(producerId: string): Promise<void> {
    const track = this.tracks.get(producerId);
    if (!track) return;
    this.tracks.delete(producerId);
    await track.stop();
  }

  private async endTracks(): Promise<void> {
    await Promise.all([...this.tracks.keys()].map((producerId) => this.endTrack(producerId)));
  }

  private announce(status: 'recording' | 'paused' | 'stopped', reason: RecordingStateReason): void {
    this.deps.announce(this.state.set(status, reason));
    try {
      this.sink?.statusChanged?.(status);
    } catch {
      // The sink keeps its own record of what failed; the call and its notice go on.
    }
    this.logger.log(`recording ${status} [roomId:${this.deps.consultationId}, reason:${reason}]`);
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
