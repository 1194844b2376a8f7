import { ErrorCode, type ConsumerLayersNotice, type ConsumerScoreNotice, type NewProducerNotice } from '@vetmeet/contracts/client';
import type { Device } from 'mediasoup-client';
import type { Consumer, Transport } from 'mediasoup-client/types';
import { ApiError } from '../api/api-error';
import { readReceivedMedia } from '../media/consumer-stats';
import type { ReceivedTotals, RemoteMedia } from './call-state';
import { isSignalingLoss, type RoomSignaling } from './room-signaling';

/**
 * The receiving half of the call's media (CallMedia owns the transports): consumers of what
 * the others send, on the current receive transport. The server announces a producer once,
 * so every announced producer it has not closed is remembered, and a new receive transport
 * (after a rebuild) consumes them all again.
 */
export class CallReceiver {
  private transport: Transport | null = null;
  private device: Device | null = null;
  /** Bumped whenever the transport changes: a consume that finishes for an older one is dropped. */
  private generation = 0;
  private readonly consumers = new Map<string, Consumer>();
  private readonly remote = new Map<string, RemoteMedia>();
  /** Producers this transport has asked to consume, so a re-announcement is not consumed twice. */
  private readonly requestedProducers = new Set<string>();
  /** Every producer of the others the server announced and has not closed. */
  private readonly announced = new Map<string, NewProducerNotice>();
  private readonly consumerScores = new Map<string, number>();
  private readonly sentLayers = new Map<string, number>();

  constructor(
    private readonly signaling: RoomSignaling,
    private readonly onChange: () => void,
    private readonly cameraLayer: () => number | null = () => null,
  ) {}

  /** A new receive transport: everything announced so far is consumed on it. */
  attach(transport: Transport, device: Device): void {
    this.generation += 1;
    this.transport = transport;
    this.device = device;
    for (const notice of this.announced.values()) void this.consume(notice);
  }

  /** The receive transport is going away, and its consumers with it; what was announced is kept for the next one. */
  detach(): void {
    this.generation += 1;
    for (const consumer of this.consumers.values()) consumer.close();
    this.consumers.clear();
    this.remote.clear();
    this.requestedProducers.clear();
    this.consumerScores.clear();
    this.sentLayers.clear();
    this.transport = null;
    this.device = null;
  }

  remoteMedia(): RemoteMedia[] {
    return [...this.remote.values()];
  }

  /** The scores of the streams that flow now (not paused by their sender), for the network-quality badge. */
  scores(): number[] {
    return [...this.remote.values()].filter((r) => !r.paused && this.consumerScores.has(r.consumerId)).map((r) => this.consumerScores.get(r.consumerId)!);
  }

  readReceived(): Promise<ReceivedTotals> {
    return readReceivedMedia([...this.consumers.values()]);
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
    if (this.transport) void this.consume(notice);
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

  onConsumerScore({ consumerId, score, producerScore }: ConsumerScoreNotice): void {
    if (!this.consumers.has(consumerId)) return;
    this.consumerScores.set(consumerId, score);
    const remote = this.remote.get(consumerId);
    if (remote) this.remote.set(consumerId, { ...remote, senderScore: producerScore });
    this.onChange();
  }

  onConsumerLayers({ consumerId, spatialLayer }: ConsumerLayersNotice): void {
    const remote = this.remote.get(consumerId);
    if (!remote) return;
    this.remote.set(consumerId, { ...remote, spatialLayer });
    this.onChange();
  }

  private async consume(notice: NewProducerNotice): Promise<void> {
    const { transport, device, generation } = this;
    if (!transport || !device || this.requestedProducers.has(notice.producerId)) return;
    this.requestedProducers.add(notice.producerId);
    // A camera starts on the layer its tile wants: changing it right after the resume can make the first frame wait a second.
    const preferredSpatialLayer = notice.source === 'camera' ? (this.cameraLayer() ?? undefined) : undefined;
    try {
      const view = await this.signaling.request('media:consume', {
        transportId: transport.id,
        producerId: notice.producerId,
        rtpCapabilities: device.recvRtpCapabilities,
        preferredSpatialLayer,
      });
      if (generation !== this.generation) return;
      const consumer = await transport.consume({ id: view.id, producerId: view.producerId, kind: view.kind, rtpParameters: view.rtpParameters });
      // The transport was replaced, or the producer closed, while this was on its way: nothing to show.
      if (generation !== this.generation || !this.announced.has(notice.producerId)) {
        consumer.close();
        return;
      }
      this.consumers.set(consumer.id, consumer);
      if (preferredSpatialLayer !== undefined) this.sentLayers.set(consumer.id, preferredSpatialLayer);
      const paused = this.announced.get(notice.producerId)?.paused ?? view.producerPaused;
      this.remote.set(consumer.id, { consumerId: consumer.id, producerId: view.producerId, userId: view.userId, kind: view.kind, source: view.source, paused, track: consumer.track, spatialLayer: null, senderScore: null });
      this.onChange();
      // Server-side consumers start paused, so nothing is lost before this browser is ready.
      await this.signaling.request('media:resumeConsumer', { consumerId: consumer.id });
    } catch (error) {
      if (generation !== this.generation) return;
      this.requestedProducers.delete(notice.producerId);
      if (error instanceof ApiError && error.code === ErrorCode.NotFound) {
        // The producer closed before it could be consumed.
        this.announced.delete(notice.producerId);
        return;
      }
      if (!isSignalingLoss(error)) console.warn('room: consume failed', error instanceof ApiError ? error.code : error);
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
}
