import {
  type ConsumerLayersNotice,
  type ConsumerScoreNotice,
  type IceServerView,
  type MediaSource,
  type NewProducerNotice,
  type ProducerScoreNotice,
  type RtpCapabilities,
  type TransportDirection,
  type TransportOptionsView,
} from '@vetmeet/contracts/client';
import { Device } from 'mediasoup-client';
import type { Producer, ProducerOptions, RtpEncodingParameters, Transport } from 'mediasoup-client/types';
import { ApiError } from '../api/api-error';
import { CallReceiver } from './call-receiver';
import type { MediaRecovery, MediaStatus, ReceivedTotals, RemoteMedia } from './call-state';
import { toRtcIceServers } from './ice-check';
import { networkQualityOf, type NetworkQuality } from './network-quality';
import { isSignalingLoss, type RoomSignaling } from './room-signaling';
import { TransportWatchdog } from './transport-watchdog';

/** Three simulcast layers, lowest first as mediasoup expects: 320x180, 640x360, 1280x720, each with three temporal layers. */
const CAMERA_ENCODINGS: RtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 1, maxBitrate: 1_200_000, scalabilityMode: 'L1T3' },
];

/** A shared screen is text and detail: one sharp layer rather than simulcast. */
const SCREEN_ENCODINGS: RtpEncodingParameters[] = [{ maxBitrate: 1_500_000 }];

/** Consecutive rebuilds back off up to this long, so a dead network is not hammered. */
const MAX_REBUILD_DELAY_MS = 15_000;

export interface LocalTracks {
  camera: MediaStreamTrack | null;
  microphone: MediaStreamTrack | null;
}

export interface MediaSnapshot {
  status: MediaStatus;
  remote: RemoteMedia[];
  microphoneMuted: boolean;
  cameraOff: boolean;
  screenTrack: MediaStreamTrack | null;
  quality: NetworkQuality;
  qualityScore: number | null;
  recovery: MediaRecovery;
}

export interface CallMediaOptions {
  signaling: RoomSignaling;
  routerRtpCapabilities: RtpCapabilities;
  iceServers: IceServerView[];
  /** Only through the TURN relay: as a network that blocks direct media forces. */
  relayOnly: boolean;
  tracks: LocalTracks;
  /** The layer to consume the other person's camera on, as their tile wants it (null: not known yet). */
  cameraLayer: () => number | null;
  onChange: () => void;
}

/** Thrown inside a connect that a teardown overtook; never shown. */
class Superseded extends Error {
  override readonly name = 'Superseded';
}

/**
 * The media of one person in the call: a mediasoup Device, a send and a receive transport,
 * the producers of this browser's camera, microphone and screen, and (CallReceiver) consumers
 * of the other side's. It recovers by itself: a dropped transport restarts ICE and, if that
 * does not bring it back, everything is rebuilt (new transports, produce and consume again),
 * as it is when the server moves the room to another media worker. What the person chose
 * (muted, camera off, sharing the screen) survives a rebuild.
 *
 * Every connect runs under a generation number; a teardown bumps it, and anything that
 * finishes for an older generation is closed instead of kept.
 */
export class CallMedia {
  private readonly signaling: RoomSignaling;
  private routerRtpCapabilities: RtpCapabilities;
  private readonly iceServers: RTCIceServer[];
  private readonly iceTransportPolicy: RTCIceTransportPolicy;
  private tracks: LocalTracks;
  private readonly onChange: () => void;

  private generation = 0;
  private sendTransport: Transport | null = null;
  private recvTransport: Transport | null = null;
  private watchdogs: TransportWatchdog[] = [];
  private readonly producers = new Map<MediaSource, Producer>();
  /** A camera or microphone producer on its way: a device switch waits for it rather than make a second. */
  private readonly producing = new Map<MediaSource, Promise<void>>();
  private readonly producerScores = new Map<string, number>();
  private readonly receiver: CallReceiver;

  private status: MediaStatus = 'idle';
  private everConnected = false;
  private rebuildAttempts = 0;
  private rebuildTimer: number | undefined;
  private closed = false;
  private microphoneMuted = false;
  private cameraOff = false;
  private screenTrack: MediaStreamTrack | null = null;
  private readonly recovery: MediaRecovery = { iceRestarts: 0, mediaRebuilds: 0 };

  constructor(options: CallMediaOptions) {
    this.signaling = options.signaling;
    this.routerRtpCapabilities = options.routerRtpCapabilities;
    this.iceServers = toRtcIceServers(options.iceServers);
    this.iceTransportPolicy = options.relayOnly ? 'relay' : 'all';
    this.tracks = { ...options.tracks };
    this.onChange = options.onChange;
    this.receiver = new CallReceiver(options.signaling, options.onChange, options.cameraLayer);
  }

  start(): void {
    this.setStatus('connecting');
    void this.connectCurrent();
  }

  /**
   * Drops every transport and connects again. `immediate` for a rebuild the server asked for
   * (a new router, or a re-join after the signaling came back); otherwise consecutive
   * rebuilds wait longer each time.
   */
  rebuild({ routerRtpCapabilities, immediate }: { routerRtpCapabilities?: RtpCapabilities; immediate: boolean }): void {
    if (this.closed) return;
    if (routerRtpCapabilities) this.routerRtpCapabilities = routerRtpCapabilities;
    if (immediate) this.rebuildAttempts = 0;
    window.clearTimeout(this.rebuildTimer);
    const delay = this.rebuildAttempts === 0 ? 0 : Math.min(1_000 * 2 ** (this.rebuildAttempts - 1), MAX_REBUILD_DELAY_MS);
    this.rebuildAttempts += 1;
    this.recovery.mediaRebuilds += 1;
    this.teardown({ tellServer: true });
    this.setStatus(this.everConnected ? 'reconnecting' : 'connecting');
    this.rebuildTimer = window.setTimeout(() => {
      this.rebuildTimer = undefined;
      void this.connectCurrent();
    }, delay);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    window.clearTimeout(this.rebuildTimer);
    this.teardown({ tellServer: false });
    this.screenTrack?.stop();
    this.screenTrack = null;
    this.status = 'idle';
  }

  snapshot(): MediaSnapshot {
    const scores = [
      ...[...this.producers.values()].filter((p) => !p.closed && !p.paused && this.producerScores.has(p.id)).map((p) => this.producerScores.get(p.id)!),
      ...this.receiver.scores(),
    ];
    const { quality, score } = networkQualityOf(scores);
    return {
      status: this.status,
      remote: this.receiver.remoteMedia(),
      microphoneMuted: this.microphoneMuted,
      cameraOff: this.cameraOff,
      screenTrack: this.screenTrack,
      quality,
      qualityScore: score,
      recovery: { ...this.recovery },
    };
  }

  readReceived(): Promise<ReceivedTotals> {
    return this.receiver.readReceived();
  }

  // What the person does.

  async setMicrophoneMuted(muted: boolean): Promise<void> {
    this.microphoneMuted = muted;
    this.onChange();
    await this.applyPause('microphone', muted);
  }

  async setCameraOff(off: boolean): Promise<void> {
    this.cameraOff = off;
    this.onChange();
    await this.applyPause('camera', off);
  }

  /**
   * The person chose another camera or microphone mid-call: its producer sends the new track
   * in place of the old one (same producer, so the other side keeps its consumer and sees no
   * gap but a key frame); a kind not sent yet starts being sent. The page stops the old tracks.
   */
  async replaceTracks(tracks: LocalTracks): Promise<void> {
    for (const source of ['microphone', 'camera'] as const) {
      const track = tracks[source];
      if (track === this.tracks[source] || track?.readyState !== 'live') continue;
      // A producer being made (a connect or a rebuild) is the one to switch, not a second one.
      await this.producing.get(source)?.catch(() => undefined);
      const producer = this.producers.get(source);
      if (producer && !producer.closed) await producer.replaceTrack({ track });
      // Kept only once sent: a failed switch leaves the track a rebuild sends unchanged.
      this.tracks[source] = track;
      if (!producer && this.sendTransport) await this.produceDevice(source, this.generation).catch((error: unknown) => this.warnUnlessSuperseded(source, error));
    }
  }

  async startScreenShare(track: MediaStreamTrack): Promise<void> {
    this.screenTrack?.stop();
    this.screenTrack = track;
    track.contentHint = 'detail';
    track.addEventListener('ended', () => void this.stopScreenShare(track), { once: true });
    this.onChange();
    // Another screen while one is shared: the same producer sends the new one.
    const sharing = this.producers.get('screen');
    if (sharing) {
      await sharing.replaceTrack({ track });
      return;
    }
    const generation = this.generation;
    if (this.sendTransport) await this.produceScreen(generation).catch((error: unknown) => this.warnUnlessSuperseded('screen share', error));
  }

  /** Stops sharing (the person's button, or the browser's own "Stop sharing"). */
  async stopScreenShare(track: MediaStreamTrack | null = this.screenTrack): Promise<void> {
    if (!track || track !== this.screenTrack) return;
    this.screenTrack = null;
    track.stop();
    const producer = this.producers.get('screen');
    this.producers.delete('screen');
    this.onChange();
    if (!producer) return;
    producer.close();
    this.producerScores.delete(producer.id);
    await this.signaling.request('media:closeProducer', { producerId: producer.id }).catch(() => undefined);
  }

  setPreferredLayer(consumerId: string, spatialLayer: number): void {
    this.receiver.setPreferredLayer(consumerId, spatialLayer);
  }

  // What the server says.

  onNewProducer(notice: NewProducerNotice): void {
    this.receiver.onNewProducer(notice);
  }

  onProducerClosed(producerId: string): void {
    this.receiver.onProducerClosed(producerId);
  }

  onConsumerClosed(consumerId: string): void {
    this.receiver.onConsumerClosed(consumerId);
  }

  onProducerPaused(producerId: string, paused: boolean): void {
    this.receiver.onProducerPaused(producerId, paused);
  }

  onConsumerScore(notice: ConsumerScoreNotice): void {
    this.receiver.onConsumerScore(notice);
  }

  onProducerScore({ producerId, score }: ProducerScoreNotice): void {
    if (![...this.producers.values()].some((p) => p.id === producerId)) return;
    this.producerScores.set(producerId, score);
    this.onChange();
  }

  onConsumerLayers(notice: ConsumerLayersNotice): void {
    this.receiver.onConsumerLayers(notice);
  }

  // Connecting.

  private async connectCurrent(): Promise<void> {
    const generation = this.generation;
    // Without signaling nothing can be set up; the re-join after it comes back rebuilds.
    if (this.closed || !this.signaling.connected) return;
    try {
      await this.connect(generation);
    } catch (error) {
      if (error instanceof Superseded || generation !== this.generation || this.closed) return;
      console.warn('room: media setup failed', error instanceof ApiError ? error.code : error);
      if (!isSignalingLoss(error)) this.rebuild({ immediate: false });
    }
  }

  private async connect(generation: number): Promise<void> {
    const device = new Device();
    await device.load({ routerRtpCapabilities: this.routerRtpCapabilities });
    this.assertCurrent(generation);

    // Receiving first: the server announces every existing producer once this transport exists.
    const recvOptions = await this.createServerTransport('recv', generation);
    const recvTransport = device.createRecvTransport({ ...recvOptions, iceServers: this.iceServers, iceTransportPolicy: this.iceTransportPolicy });
    this.recvTransport = recvTransport;
    this.watch(recvTransport, generation);
    this.receiver.attach(recvTransport, device);

    const sendOptions = await this.createServerTransport('send', generation);
    const sendTransport = device.createSendTransport({ ...sendOptions, iceServers: this.iceServers, iceTransportPolicy: this.iceTransportPolicy });
    this.sendTransport = sendTransport;
    this.watch(sendTransport, generation);
    sendTransport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      const source = appData.source as MediaSource;
      this.signaling
        .request('media:produce', { transportId: sendTransport.id, kind, rtpParameters, appData: { source } })
        .then(({ producerId }) => callback({ id: producerId }), errback);
    });

    await this.produceDevice('microphone', generation);
    await this.produceDevice('camera', generation);
    if (this.screenTrack?.readyState === 'live') await this.produceScreen(generation);
  }

  /** A transport on the server; one that arrives after a teardown is closed there again, not left behind. */
  private async createServerTransport(direction: TransportDirection, generation: number): Promise<TransportOptionsView> {
    const options = await this.signaling.request('media:createTransport', { direction });
    if (generation !== this.generation || this.closed) {
      this.signaling.request('media:closeTransport', { transportId: options.id }).catch(() => undefined);
      throw new Superseded();
    }
    return options;
  }

  private watch(transport: Transport, generation: number): void {
    const watchdog = new TransportWatchdog({
      restartIce: () => void this.restartIce(transport, generation),
      rebuild: () => {
        if (generation === this.generation) this.rebuild({ immediate: false });
      },
    });
    this.watchdogs.push(watchdog);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      watchdog.onConnectStarted();
      this.signaling.request('media:connectTransport', { transportId: transport.id, dtlsParameters }).then(() => callback(), errback);
    });
    transport.on('connectionstatechange', (state) => {
      if (generation !== this.generation) return;
      if (state === 'connected') {
        this.everConnected = true;
        this.rebuildAttempts = 0;
      }
      watchdog.onStateChange(state);
      this.refreshStatus();
    });
  }

  private async restartIce(transport: Transport, generation: number): Promise<void> {
    try {
      const { iceParameters } = await this.signaling.request('media:restartIce', { transportId: transport.id });
      if (generation !== this.generation || transport.closed) return;
      await transport.restartIce({ iceParameters });
      this.recovery.iceRestarts += 1;
      this.onChange();
    } catch (error) {
      if (generation !== this.generation) return;
      // Lost signaling: the re-join after it returns rebuilds. Otherwise the server no longer knows this transport.
      if (!isSignalingLoss(error)) this.rebuild({ immediate: false });
    }
  }

  private refreshStatus(): void {
    const states = [this.sendTransport, this.recvTransport].map((t) => t?.connectionState).filter((s) => s && s !== 'new');
    if (states.some((s) => s === 'disconnected' || s === 'failed')) this.setStatus('reconnecting');
    else if (states.some((s) => s === 'connected')) this.setStatus('connected');
    else this.setStatus(this.everConnected ? 'reconnecting' : 'connecting');
  }

  private async produce(source: MediaSource, options: ProducerOptions, generation: number): Promise<void> {
    const transport = this.sendTransport;
    if (!transport) return;
    // The tracks belong to the page: a rebuild produces them again, so closing a producer must not stop them.
    const producer = await transport.produce({ ...options, stopTracks: false, appData: { source } });
    if (generation !== this.generation) {
      producer.close();
      throw new Superseded();
    }
    this.producers.set(source, producer);
    this.onChange();
    const paused = (source === 'microphone' && this.microphoneMuted) || (source === 'camera' && this.cameraOff);
    if (paused) await this.applyPause(source, true);
  }

  /** Sends the microphone or camera track the page handed over, when it is live and not sent yet. */
  private async produceDevice(source: 'microphone' | 'camera', generation: number): Promise<void> {
    const track = this.tracks[source];
    if (track?.readyState !== 'live' || this.producers.has(source) || this.producing.has(source)) return;
    const options: ProducerOptions =
      source === 'microphone' ? { track, codecOptions: { opusDtx: true, opusFec: true } } : { track, encodings: CAMERA_ENCODINGS, codecOptions: { videoGoogleStartBitrate: 1_000 } };
    const pending = this.produce(source, options, generation).finally(() => this.producing.delete(source));
    this.producing.set(source, pending);
    await pending;
  }

  private async produceScreen(generation: number): Promise<void> {
    if (!this.screenTrack || this.producers.has('screen')) return;
    await this.produce('screen', { track: this.screenTrack, encodings: SCREEN_ENCODINGS }, generation);
  }

  private async applyPause(source: MediaSource, paused: boolean): Promise<void> {
    const producer = this.producers.get(source);
    if (!producer || producer.closed) return;
    if (paused) producer.pause();
    else producer.resume();
    const event = paused ? 'media:pauseProducer' : 'media:resumeProducer';
    try {
      await this.signaling.request(event, { producerId: producer.id });
    } catch (error) {
      // Lost signaling: the rebuild after the re-join produces again in the chosen state.
      if (!isSignalingLoss(error)) throw error;
    }
  }

  /** Closes every transport (and so its producers and consumers) and forgets them; the local tracks stay. */
  private teardown({ tellServer }: { tellServer: boolean }): void {
    this.generation += 1;
    for (const producer of this.producers.values()) producer.close();
    this.producers.clear();
    this.producerScores.clear();
    this.receiver.detach();
    for (const watchdog of this.watchdogs) watchdog.dispose();
    this.watchdogs = [];
    for (const transport of [this.sendTransport, this.recvTransport]) {
      if (!transport) continue;
      // A transport that failed here is still open on the server: closed there too, what it sent ends for the others
      // instead of freezing, and what it received stops being sent. Best effort: after a worker loss or a re-join it is gone already.
      if (tellServer) this.signaling.request('media:closeTransport', { transportId: transport.id }).catch(() => undefined);
      transport.close();
    }
    this.sendTransport = null;
    this.recvTransport = null;
    this.onChange();
  }

  private setStatus(status: MediaStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.onChange();
  }

  private assertCurrent(generation: number): void {
    if (generation !== this.generation || this.closed) throw new Superseded();
  }

  private warnUnlessSuperseded(what: string, error: unknown): void {
    if (error instanceof Superseded || isSignalingLoss(error)) return;
    console.warn(`room: ${what} failed`, error instanceof ApiError ? error.code : error);
  }
}
