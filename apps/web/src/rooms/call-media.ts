import {
  ErrorCode,
  type ConsumerLayersNotice,
  type ConsumerScoreNotice,
  type IceServerView,
  type MediaSource,
  type NewProducerNotice,
  type ProducerScoreNotice,
  type RtpCapabilities,
} from '@vetmeet/contracts/client';
import { Device } from 'mediasoup-client';
import type { Consumer, Producer, ProducerOptions, RtpEncodingParameters, Transport } from 'mediasoup-client/types';
import { ApiError } from '../api/api-error';
import { readReceivedMedia } from '../media/consumer-stats';
import type { MediaStatus, ReceivedTotals, RemoteMedia } from './call-state';
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
}

export interface CallMediaOptions {
  signaling: RoomSignaling;
  routerRtpCapabilities: RtpCapabilities;
  iceServers: IceServerView[];
  tracks: LocalTracks;
  onChange: () => void;
}

/** Thrown inside a connect that a teardown overtook; never shown. */
class Superseded extends Error {
  override readonly name = 'Superseded';
}

/**
 * The media of one person in the call: a mediasoup Device, a send and a receive transport,
 * the producers of this browser's camera, microphone and screen, and consumers of the other
 * side's. It recovers by itself: a dropped transport restarts ICE and, if that does not bring
 * it back, everything is rebuilt (new transports, produce and consume again), as it is when
 * the server moves the room to another media worker. What the person chose (muted, camera
 * off, sharing the screen) survives a rebuild.
 *
 * Every connect runs under a generation number; a teardown bumps it, and anything that
 * finishes for an older generation is closed instead of kept.
 */
export class CallMedia {
  private readonly signaling: RoomSignaling;
  private routerRtpCapabilities: RtpCapabilities;
  private readonly iceServers: RTCIceServer[];
  private readonly tracks: LocalTracks;
  private readonly onChange: () => void;

  private generation = 0;
  private device: Device | null = null;
  private sendTransport: Transport | null = null;
  private recvTransport: Transport | null = null;
  private watchdogs: TransportWatchdog[] = [];
  private readonly producers = new Map<MediaSource, Producer>();
  private readonly consumers = new Map<string, Consumer>();
  private readonly remote = new Map<string, RemoteMedia>();
  /** Producers this generation has asked to consume, so a re-announcement is not consumed twice. */
  private readonly requestedProducers = new Set<string>();
  /** Every producer of the others the server announced and has not closed: consumed again after a rebuild. */
  private readonly announced = new Map<string, NewProducerNotice>();
  private readonly producerScores = new Map<string, number>();
  private readonly consumerScores = new Map<string, number>();
  private readonly sentLayers = new Map<string, number>();

  private status: MediaStatus = 'idle';
  private everConnected = false;
  private rebuildAttempts = 0;
  private rebuildTimer: number | undefined;
  private closed = false;
  private microphoneMuted = false;
  private cameraOff = false;
  private screenTrack: MediaStreamTrack | null = null;

  constructor(options: CallMediaOptions) {
    this.signaling = options.signaling;
    this.routerRtpCapabilities = options.routerRtpCapabilities;
    this.iceServers = toRtcIceServers(options.iceServers);
    this.tracks = options.tracks;
    this.onChange = options.onChange;
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
      ...[...this.remote.values()].filter((r) => !r.paused && this.consumerScores.has(r.consumerId)).map((r) => this.consumerScores.get(r.consumerId)!),
    ];
    const { quality, score } = networkQualityOf(scores);
    return {
      status: this.status,
      remote: [...this.remote.values()],
      microphoneMuted: this.microphoneMuted,
      cameraOff: this.cameraOff,
      screenTrack: this.screenTrack,
      quality,
      qualityScore: score,
    };
  }

  readReceived(): Promise<ReceivedTotals> {
    return readReceivedMedia([...this.consumers.values()]);
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

  /** The simulcast layer to forward for a remote video, from the size it is shown at. */
  setPreferredLayer(consumerId: string, spatialLayer: number): void {
    if (!this.consumers.has(consumerId) || this.sentLayers.get(consumerId) === spatialLayer) return;
    this.sentLayers.set(consumerId, spatialLayer);
    this.signaling.request('media:setPreferredLayers', { consumerId, spatialLayer }).catch((error: unknown) => {
      this.sentLayers.delete(consumerId);
      if (!isSignalingLoss(error)) console.warn('room: preferred layers not set', consumerId, error);
    });
  }

  // What the server says.

  onNewProducer(notice: NewProducerNotice): void {
    this.announced.set(notice.producerId, notice);
    if (this.recvTransport) void this.consume(notice, this.generation);
  }

  onProducerClosed(producerId: string): void {
    this.announced.delete(producerId);
    for (const remote of this.remote.values()) if (remote.producerId === producerId) this.dropConsumer(remote.consumerId);
  }

  onConsumerClosed(consumerId: string): void {
    this.dropConsumer(consumerId);
  }

  onProducerPaused(producerId: string, paused: boolean): void {
    const notice = this.announced.get(producerId);
    if (notice) this.announced.set(producerId, { ...notice, paused });
    for (const [consumerId, remote] of this.remote) {
      if (remote.producerId === producerId) this.remote.set(consumerId, { ...remote, paused });
    }
    this.onChange();
  }

  onConsumerScore({ consumerId, score }: ConsumerScoreNotice): void {
    if (!this.consumers.has(consumerId)) return;
    this.consumerScores.set(consumerId, score);
    this.onChange();
  }

  onProducerScore({ producerId, score }: ProducerScoreNotice): void {
    if (![...this.producers.values()].some((p) => p.id === producerId)) return;
    this.producerScores.set(producerId, score);
    this.onChange();
  }

  onConsumerLayers({ consumerId, spatialLayer }: ConsumerLayersNotice): void {
    const remote = this.remote.get(consumerId);
    if (!remote) return;
    this.remote.set(consumerId, { ...remote, spatialLayer });
    this.onChange();
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
    this.device = device;

    // Receiving first: the server announces every existing producer once this transport exists.
    const recvOptions = await this.signaling.request('media:createTransport', { direction: 'recv' });
    this.assertCurrent(generation);
    const recvTransport = device.createRecvTransport({ ...recvOptions, iceServers: this.iceServers });
    this.recvTransport = recvTransport;
    this.watch(recvTransport, generation);
    for (const notice of this.announced.values()) void this.consume(notice, generation);

    const sendOptions = await this.signaling.request('media:createTransport', { direction: 'send' });
    this.assertCurrent(generation);
    const sendTransport = device.createSendTransport({ ...sendOptions, iceServers: this.iceServers });
    this.sendTransport = sendTransport;
    this.watch(sendTransport, generation);
    sendTransport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      const source = appData.source as MediaSource;
      this.signaling
        .request('media:produce', { transportId: sendTransport.id, kind, rtpParameters, appData: { source } })
        .then(({ producerId }) => callback({ id: producerId }), errback);
    });

    const { microphone, camera } = this.tracks;
    if (microphone?.readyState === 'live') {
      await this.produce('microphone', { track: microphone, codecOptions: { opusDtx: true, opusFec: true } }, generation);
    }
    if (camera?.readyState === 'live') {
      await this.produce('camera', { track: camera, encodings: CAMERA_ENCODINGS, codecOptions: { videoGoogleStartBitrate: 1_000 } }, generation);
    }
    if (this.screenTrack?.readyState === 'live') await this.produceScreen(generation);
  }

  private watch(transport: Transport, generation: number): void {
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.signaling.request('media:connectTransport', { transportId: transport.id, dtlsParameters }).then(() => callback(), errback);
    });
    const watchdog = new TransportWatchdog({
      restartIce: () => void this.restartIce(transport, generation),
      rebuild: () => {
        if (generation === this.generation) this.rebuild({ immediate: false });
      },
    });
    this.watchdogs.push(watchdog);
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

  private async consume(notice: NewProducerNotice, generation: number): Promise<void> {
    const { recvTransport, device } = this;
    if (!recvTransport || !device || this.requestedProducers.has(notice.producerId)) return;
    this.requestedProducers.add(notice.producerId);
    try {
      const view = await this.signaling.request('media:consume', {
        transportId: recvTransport.id,
        producerId: notice.producerId,
        rtpCapabilities: device.recvRtpCapabilities,
      });
      this.assertCurrent(generation);
      const consumer = await recvTransport.consume({ id: view.id, producerId: view.producerId, kind: view.kind, rtpParameters: view.rtpParameters });
      // Closed while this was on its way: nothing to show.
      if (generation !== this.generation || !this.announced.has(notice.producerId)) {
        consumer.close();
        return;
      }
      this.consumers.set(consumer.id, consumer);
      const paused = this.announced.get(notice.producerId)?.paused ?? view.producerPaused;
      this.remote.set(consumer.id, { consumerId: consumer.id, producerId: view.producerId, userId: view.userId, kind: view.kind, source: view.source, paused, track: consumer.track, spatialLayer: null });
      this.onChange();
      // Server-side consumers start paused, so nothing is lost before this browser is ready.
      await this.signaling.request('media:resumeConsumer', { consumerId: consumer.id });
    } catch (error) {
      if (error instanceof Superseded || generation !== this.generation) return;
      this.requestedProducers.delete(notice.producerId);
      if (error instanceof ApiError && error.code === ErrorCode.NotFound) {
        // The producer closed before it could be consumed.
        this.announced.delete(notice.producerId);
        return;
      }
      this.warnUnlessSuperseded('consume', error);
    }
  }

  private dropConsumer(consumerId: string): void {
    const consumer = this.consumers.get(consumerId);
    if (consumer) this.requestedProducers.delete(consumer.producerId);
    consumer?.close();
    this.consumers.delete(consumerId);
    this.consumerScores.delete(consumerId);
    this.sentLayers.delete(consumerId);
    if (this.remote.delete(consumerId)) this.onChange();
  }

  /** Closes every transport (and so its producers and consumers) and forgets them; the local tracks stay. */
  private teardown({ tellServer }: { tellServer: boolean }): void {
    this.generation += 1;
    for (const producer of this.producers.values()) {
      // The server may still hold the old producers (a failed transport is not a closed one): the others must not see them frozen.
      if (tellServer) this.signaling.request('media:closeProducer', { producerId: producer.id }).catch(() => undefined);
      producer.close();
    }
    this.producers.clear();
    for (const consumer of this.consumers.values()) consumer.close();
    this.consumers.clear();
    this.remote.clear();
    this.requestedProducers.clear();
    this.producerScores.clear();
    this.consumerScores.clear();
    this.sentLayers.clear();
    for (const watchdog of this.watchdogs) watchdog.dispose();
    this.watchdogs = [];
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.sendTransport = null;
    this.recvTransport = null;
    this.device = null;
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
