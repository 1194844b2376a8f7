import type { DtlsState } from '@vetmeet/contracts/client';
import { Device } from 'mediasoup-client';
import type { ConnectionState, Consumer, Producer, RtpEncodingParameters, Transport } from 'mediasoup-client/types';
import { readReceivedMedia } from './consumer-stats';
import { ClientErrorCode, MediaCheckError, toErrorView } from './media-check-error';
import { idleMediaCheckState, type MediaCheckState } from './media-check-state';
import { readSelectedCandidateType } from './selected-candidate';
import { connectLoopbackSignaling, request, type LoopbackSocket } from './signaling';

export interface MediaCheckSnapshot {
  state: MediaCheckState;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
}

export const idleSnapshot: MediaCheckSnapshot = {
  state: idleMediaCheckState(),
  localStream: null,
  remoteStream: null,
};

export interface MediaCheckOptions {
  /**
   * Send and receive only through the TURN relay (iceTransportPolicy "relay"), as a network
   * that blocks direct UDP to the media server would force; the page's `?relay=1`.
   */
  relayOnly: boolean;
}

type MediaSource = 'camera' | 'microphone';

const CAMERA_CONSTRAINTS: MediaStreamConstraints = {
  video: { width: 1280, height: 720 },
  audio: true,
};

/** Three simulcast layers, lowest first, as mediasoup expects: 320x180, 640x360, 1280x720. */
const SIMULCAST_ENCODINGS: RtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 100_000 },
  { scaleResolutionDownBy: 2, maxBitrate: 300_000 },
  { scaleResolutionDownBy: 1, maxBitrate: 900_000 },
];

const STATS_INTERVAL_MS = 1_000;

/**
 * ICE that has no candidate pair at all never reports "failed" (Chromium stays "new"): that is
 * what a relay-only check sees when the TURN server refuses the credential. On any working
 * path the transports connect in well under a second, so past this the check gives up.
 */
const CONNECT_TIMEOUT_MS = 15_000;

/** Thrown inside the run when the person pressed Stop while it was waiting; never shown. */
class StoppedError extends Error {
  override readonly name = 'StoppedError';
}

function isMediaSource(value: unknown): value is MediaSource {
  return value === 'camera' || value === 'microphone';
}

/**
 * One run of the loopback check: the camera and microphone go up a send transport to a
 * private router on the SFU and come back down a receive transport. The session owns
 * everything it opens and `stop()` closes all of it; a session is not restarted, a new
 * one is made.
 */
export class MediaLoopbackSession {
  private state: MediaCheckState = idleMediaCheckState();
  private localStream: MediaStream | null = null;
  private remoteStream: MediaStream | null = null;

  private socket: LoopbackSocket | null = null;
  private sendTransport: Transport | null = null;
  private recvTransport: Transport | null = null;
  private readonly producers: Producer[] = [];
  private readonly consumers: Consumer[] = [];
  private statsTimer: number | undefined;
  private connectTimer: number | undefined;
  /** Transports that reached "connected" at least once; a later blip is not a failure to connect. */
  private readonly connectedTransportIds = new Set<string>();
  private readingStats = false;
  private closed = false;

  constructor(
    private readonly onUpdate: (snapshot: MediaCheckSnapshot) => void,
    private readonly options: MediaCheckOptions = { relayOnly: false },
  ) {}

  async start(): Promise<void> {
    this.update({ phase: 'connecting' });
    try {
      await this.run();
    } catch (error) {
      if (error instanceof StoppedError || this.closed) {
        // Stop arrived mid-flight: whatever the run opened after release() is closed here.
        this.release();
        return;
      }
      this.fail(error);
    }
  }

  /** Closes everything and returns to idle. Safe to call at any time, more than once. */
  stop(): void {
    this.closed = true;
    this.release();
    this.state = idleMediaCheckState();
    this.publish();
  }

  private async run(): Promise<void> {
    const socket = await connectLoopbackSignaling();
    this.socket = socket;
    this.assertRunning();
    this.listenToServer(socket);

    const routerRtpCapabilities = await request(socket, 'media:getRouterRtpCapabilities', {});
    this.assertRunning();
    const device = new Device();
    await device.load({ routerRtpCapabilities });
    this.assertRunning();
    if (!device.canProduce('video') || !device.canProduce('audio')) {
      throw new MediaCheckError(ClientErrorCode.BrowserUnsupported, 'The browser shares no usable codec with the media server');
    }

    // Fetched right before the transports are made: TURN credentials are short-lived.
    const iceServers = await request(socket, 'media:getIceServers', {});
    this.assertRunning();
    if (this.options.relayOnly && iceServers.length === 0) {
      throw new MediaCheckError(ClientErrorCode.RelayUnavailable, 'Relay-only mode was asked for, but the server offers no TURN server');
    }
    const iceOptions = { iceServers, iceTransportPolicy: this.options.relayOnly ? 'relay' : 'all' } as const;

    const sendOptions = await request(socket, 'media:createTransport', { direction: 'send' });
    this.assertRunning();
    const sendTransport = device.createSendTransport({ ...sendOptions, ...iceOptions });
    this.sendTransport = sendTransport;
    this.wireTransport(socket, sendTransport);
    this.wireProduce(socket, sendTransport);

    const recvOptions = await request(socket, 'media:createTransport', { direction: 'recv' });
    this.assertRunning();
    const recvTransport = device.createRecvTransport({ ...recvOptions, ...iceOptions });
    this.recvTransport = recvTransport;
    this.wireTransport(socket, recvTransport);
    this.update({ sendTransportId: sendTransport.id, recvTransportId: recvTransport.id });

    // The browser asks for the camera only now, after a click and once the server is ready.
    const localStream = await this.getCamera();
    this.localStream = localStream;
    this.assertRunning();
    this.publish();

    const [videoTrack] = localStream.getVideoTracks();
    const [audioTrack] = localStream.getAudioTracks();
    if (!videoTrack || !audioTrack) {
      throw new MediaCheckError(ClientErrorCode.CameraUnavailable, 'The browser returned no camera or no microphone track');
    }
    await this.produce(sendTransport, {
      track: videoTrack,
      encodings: SIMULCAST_ENCODINGS,
      codecOptions: { videoGoogleStartBitrate: 1000 },
      appData: { source: 'camera' },
    });
    await this.produce(sendTransport, { track: audioTrack, appData: { source: 'microphone' } });

    for (const producer of this.producers) {
      const options = await request(socket, 'media:consume', {
        transportId: recvTransport.id,
        producerId: producer.id,
        rtpCapabilities: device.recvRtpCapabilities,
      });
      this.assertRunning();
      const consumer = await recvTransport.consume({
        id: options.id,
        producerId: options.producerId,
        kind: options.kind,
        rtpParameters: options.rtpParameters,
      });
      this.consumers.push(consumer);
      this.assertRunning();
      // Server-side consumers start paused so no packet is lost before the browser is ready.
      await request(socket, 'media:resumeConsumer', { consumerId: consumer.id });
      this.assertRunning();
    }

    this.remoteStream = new MediaStream(this.consumers.map((consumer) => consumer.track));
    this.update({ phase: 'live' });
    this.statsTimer = window.setInterval(() => void this.sampleStats(), STATS_INTERVAL_MS);
    this.connectTimer = window.setTimeout(() => this.failUnlessConnected(), CONNECT_TIMEOUT_MS);
  }

  private listenToServer(socket: LoopbackSocket): void {
    socket.on('media:dtlsStateChanged', ({ transportId, dtlsState }) => {
      this.recordServerDtlsState(transportId, dtlsState);
    });
    socket.on('error:unhandled', (error) => {
      console.warn('media check: unanswered server error', error.event, error.code, error.message);
    });
    socket.on('disconnect', (reason) => {
      if (this.closed) return;
      this.fail(new MediaCheckError(ClientErrorCode.SignalingLost, `Signaling disconnected: ${reason}`));
    });
  }

  private recordServerDtlsState(transportId: string, dtlsState: DtlsState): void {
    if (this.closed) return;
    this.update({ serverDtlsStates: { ...this.state.serverDtlsStates, [transportId]: dtlsState } });
  }

  /** DTLS parameters go to the server the first time a transport needs them. */
  private wireTransport(socket: LoopbackSocket, transport: Transport): void {
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      request(socket, 'media:connectTransport', { transportId: transport.id, dtlsParameters }).then(
        () => callback(),
        errback,
      );
    });
    transport.on('connectionstatechange', (connectionState: ConnectionState) => {
      if (this.closed) return;
      if (connectionState === 'connected') this.connectedTransportIds.add(transport.id);
      this.update({
        clientConnectionStates: { ...this.state.clientConnectionStates, [transport.id]: connectionState },
      });
      if (connectionState === 'failed') {
        this.fail(
          new MediaCheckError(ClientErrorCode.MediaConnectionFailed, `The ${transport.direction} transport failed to connect`),
        );
      }
    });
  }

  private wireProduce(socket: LoopbackSocket, transport: Transport): void {
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      const source = isMediaSource(appData.source) ? appData.source : undefined;
      request(socket, 'media:produce', { transportId: transport.id, kind, rtpParameters, appData: { source } }).then(
        ({ producerId }) => callback({ id: producerId }),
        errback,
      );
    });
  }

  private async produce(transport: Transport, options: Parameters<Transport['produce']>[0]): Promise<void> {
    const producer = await transport.produce(options);
    this.producers.push(producer);
    this.assertRunning();
    producer.on('trackended', () => {
      if (this.closed) return;
      this.fail(new MediaCheckError(ClientErrorCode.CameraUnavailable, `The ${producer.kind} track ended`));
    });
  }

  private async getCamera(): Promise<MediaStream> {
    if (!navigator.mediaDevices?.getUserMedia) {
      // Browsers hide mediaDevices outside secure contexts (https or localhost).
      throw new MediaCheckError(ClientErrorCode.CameraUnavailable, 'navigator.mediaDevices is unavailable; is the page served over https?');
    }
    return navigator.mediaDevices.getUserMedia(CAMERA_CONSTRAINTS);
  }

  private async sampleStats(): Promise<void> {
    if (this.closed || this.readingStats) return;
    this.readingStats = true;
    try {
      const [stats, selectedCandidateTypes] = await Promise.all([readReceivedMedia(this.consumers), this.readCandidateTypes()]);
      if (this.closed) return;
      this.update({
        selectedCandidateTypes,
        videoFramesDecoded: stats.videoFramesDecoded,
        audioPacketsReceived: stats.audioPacketsReceived,
        remoteVideoWidth: stats.videoFrameWidth,
        remoteVideoHeight: stats.videoFrameHeight,
      });
    } catch {
      // A sample can race with closing; the next one, or stop(), settles it.
    } finally {
      this.readingStats = false;
    }
  }

  private failUnlessConnected(): void {
    const unconnected = [this.sendTransport, this.recvTransport].filter(
      (transport): transport is Transport => transport !== null && !this.connectedTransportIds.has(transport.id),
    );
    if (this.closed || unconnected.length === 0) return;
    const which = unconnected.map((transport) => transport.direction).join(' and ');
    const hint = this.options.relayOnly ? '; relay-only: the TURN server may be unreachable or refuse the credential' : '';
    this.fail(new MediaCheckError(ClientErrorCode.MediaConnectionFailed, `The ${which} transport did not connect within ${CONNECT_TIMEOUT_MS} ms${hint}`));
  }

  /** Per transport, whether ICE settled on a direct path or on the TURN relay. */
  private async readCandidateTypes(): Promise<Record<string, RTCIceCandidateType>> {
    const transports = [this.sendTransport, this.recvTransport].filter((transport): transport is Transport => transport !== null && !transport.closed);
    const types = await Promise.all(transports.map(async (transport) => [transport.id, await readSelectedCandidateType(transport)] as const));
    return Object.fromEntries(types.filter((entry): entry is readonly [string, RTCIceCandidateType] => entry[1] !== null));
  }

  private assertRunning(): void {
    if (this.closed) throw new StoppedError();
  }

  private fail(error: unknown): void {
    if (this.closed) return;
    this.closed = true;
    this.release();
    this.state = { ...this.state, phase: 'error', error: toErrorView(error) };
    this.publish();
  }

  /** Idempotent: closes what is open and forgets it. Closing a transport closes its producers and consumers. */
  private release(): void {
    window.clearInterval(this.statsTimer);
    this.statsTimer = undefined;
    window.clearTimeout(this.connectTimer);
    this.connectTimer = undefined;
    for (const consumer of this.consumers.splice(0)) consumer.close();
    for (const producer of this.producers.splice(0)) producer.close();
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.sendTransport = null;
    this.recvTransport = null;
    if (this.socket) {
      this.socket.removeAllListeners();
      this.socket.disconnect();
      this.socket = null;
    }
    this.localStream?.getTracks().forEach((track) => track.stop());
    this.remoteStream?.getTracks().forEach((track) => track.stop());
    this.localStream = null;
    this.remoteStream = null;
  }

  private update(patch: Partial<MediaCheckState>): void {
    this.state = { ...this.state, ...patch };
    this.publish();
  }

  private publish(): void {
    this.onUpdate({ state: this.state, localStream: this.localStream, remoteStream: this.remoteStream });
  }
}
