import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import {
  ErrorCode,
  RoomNotice,
  type ConnectTransportPayload,
  type ConsumePayload,
  type ConsumerView,
  type MediaSource,
  type ProducePayload,
  type RtpCapabilities,
  type TransportDirection,
  type TransportOptionsView,
} from '@vetmeet/contracts';
import type { types } from 'mediasoup';
import { AppError } from '../common/errors/app-error';
import { rejectingBadMedia } from '../media/rejecting-bad-media';
import { transportOptionsOf } from '../media/transport-options';
import type { MediaWorkerPool } from '../media/media-worker-pool';
import type { Peer } from '../media/peer';
import { Room } from '../media/room';
import type { RoomOutbox } from './room-outbox';
import type { RoomSeats } from './room-seats';
import { retryKeyFrameIfStillWaiting } from './key-frame-retry';

/** How long a room waits for a replacement media worker before giving up on its media. */
const WORKER_REPLACEMENT_WAIT_MS = 15_000;

/**
 * The media half of a consultation room: one mediasoup Room (a router on one worker) whose
 * peers are the participants, keyed by user id. Only people in the call (admitted, with a
 * live socket) reach it. When the worker dies, the media is rebuilt on another worker and
 * everyone in the call is told to make new transports (room:mediaReset).
 */
export class RoomMedia {
  private readonly logger = new Logger(RoomMedia.name);
  /** Each new producer with the router it was made on: the room's recording records it. */
  readonly events = new EventEmitter<{ producer: [types.Router, types.Producer] }>();
  private current: Promise<Room>;
  private closed = false;

  constructor(
    private readonly consultationId: string,
    private readonly pool: MediaWorkerPool,
    private readonly seats: RoomSeats,
    private readonly outbox: RoomOutbox,
  ) {
    this.current = this.createRoom();
    this.current.catch(() => undefined);
  }

  /** The mediasoup room carrying the media now (a new one after its worker died). */
  room(): Promise<Room> {
    return this.current;
  }

  /** The router's capabilities, in the browser's type (mediasoup's is the same shape, typed looser). */
  async rtpCapabilities(): Promise<RtpCapabilities> {
    return (await this.current).rtpCapabilities as RtpCapabilities;
  }

  /** Drops a person's media (their socket went away or was replaced): what they sent disappears for the others. */
  async dropPeer(userId: string): Promise<void> {
    const room = await this.current.catch(() => undefined);
    room?.leave(userId);
  }

  async createTransport(userId: string, direction: TransportDirection): Promise<TransportOptionsView> {
    const { room, peer } = await this.peerOf(userId);
    const transport = await room.createWebRtcTransport(peer, direction);
    this.logger.debug(`createTransport() [roomId:${this.consultationId}, transportId:${transport.id}, direction:${direction}]`);
    if (direction === 'recv') setImmediate(() => this.announceProducersTo(userId, room));
    return transportOptionsOf(transport);
  }

  async connectTransport(userId: string, request: ConnectTransportPayload): Promise<void> {
    const { peer } = await this.peerOf(userId);
    const transport = peer.transport(request.transportId);
    await rejectingBadMedia(() => transport.connect({ dtlsParameters: request.dtlsParameters as types.DtlsParameters }));
  }

  async restartIce(userId: string, transportId: string): Promise<types.IceParameters> {
    const { peer } = await this.peerOf(userId);
    return peer.transport(transportId).restartIce();
  }

  /** A client rebuilding its media drops its old transports; their producers end for the others, as if closed one by one. */
  async closeTransport(userId: string, transportId: string): Promise<void> {
    const { peer } = await this.peerOf(userId);
    peer.transport(transportId).close();
    this.logger.debug(`closeTransport() [roomId:${this.consultationId}, transportId:${transportId}]`);
  }

  async produce(userId: string, request: ProducePayload): Promise<string> {
    const { room, peer } = await this.peerOf(userId);
    const transport = peer.transport(request.transportId);
    const source: MediaSource = request.appData?.source ?? (request.kind === 'audio' ? 'microphone' : 'camera');
    const producer = await rejectingBadMedia(() =>
      transport.produce({ kind: request.kind, rtpParameters: request.rtpParameters as types.RtpParameters, appData: { peerId: userId, source } }),
    );
    await room.addProducer(peer, producer);
    producer.on('score', (scores) => {
      const score = scores.length === 0 ? 0 : Math.min(...scores.map((entry) => entry.score));
      this.outbox.toSocket(this.socketOf(userId), RoomNotice.ProducerScore, { producerId: producer.id, score });
    });
    producer.observer.once('close', () => this.outbox.toOthers(this.socketOf(userId), RoomNotice.ProducerClosed, { producerId: producer.id }));
    this.logger.debug(`produce() [roomId:${this.consultationId}, producerId:${producer.id}, kind:${producer.kind}, source:${source}]`);
    this.outbox.toOthers(this.socketOf(userId), RoomNotice.NewProducer, {
      producerId: producer.id,
      userId,
      kind: producer.kind,
      source,
      paused: producer.paused,
    });
    return producer.id;
  }

  async closeProducer(userId: string, producerId: string): Promise<void> {
    const { peer } = await this.peerOf(userId);
    peer.producer(producerId).close();
  }

  /** Mute or camera off: the other side sees it at once, and no bytes flow meanwhile. */
  async setProducerPaused(userId: string, producerId: string, paused: boolean): Promise<void> {
    const { peer } = await this.peerOf(userId);
    const producer = peer.producer(producerId);
    if (paused) await producer.pause();
    else await producer.resume();
    this.outbox.toOthers(this.socketOf(userId), paused ? RoomNotice.ProducerPaused : RoomNotice.ProducerResumed, { producerId });
  }

  async consume(userId: string, request: ConsumePayload): Promise<ConsumerView> {
    const { room, peer } = await this.peerOf(userId);
    const transport = peer.transport(request.transportId);
    const producer = room.findProducer(request.producerId);
    if (!producer || peer.producers.has(producer.id)) throw new AppError(ErrorCode.NotFound, 'No such producer.');
    const rtpCapabilities = request.rtpCapabilities as types.RtpCapabilities;
    if (!room.router.canConsume({ producerId: producer.id, rtpCapabilities })) {
      throw new AppError(ErrorCode.MediaRejected, 'This browser cannot receive that media.');
    }
    // Paused until the client has set up its side, so the first packets (and the key frame) are not lost.
    // On the layer the receiver will show from the start: a simulcast consumer forwards nothing until a key
    // frame of its target layer, and a target changed after the resume could let that key frame pass and
    // wait for mediasoup's repeated request a second later (the sender ignores a second one so soon).
    const preferredLayers = request.preferredSpatialLayer === undefined ? undefined : { spatialLayer: request.preferredSpatialLayer };
    const consumer = await rejectingBadMedia(() => transport.consume({ producerId: producer.id, rtpCapabilities, paused: true, preferredLayers }));
    peer.addConsumer(consumer);
    this.forwardConsumerEvents(userId, consumer);
    return {
      id: consumer.id,
      producerId: producer.id,
      userId: String(producer.appData.peerId),
      kind: consumer.kind,
      source: producer.appData.source as MediaSource,
      rtpParameters: consumer.rtpParameters,
      producerPaused: consumer.producerPaused,
    } as ConsumerView;
  }

  async resumeConsumer(userId: string, consumerId: string): Promise<void> {
    const { peer } = await this.peerOf(userId);
    const consumer = peer.consumer(consumerId);
    await consumer.resume();
    if (consumer.kind !== 'video') return;
    await consumer.requestKeyFrame();
    retryKeyFrameIfStillWaiting(consumer);
  }

  /** The receiver's choice (a small tile needs a small layer); the SFU still goes lower when bandwidth asks for it. */
  async setPreferredLayers(userId: string, consumerId: string, spatialLayer: number, temporalLayer?: number): Promise<void> {
    const { peer } = await this.peerOf(userId);
    const consumer = peer.consumer(consumerId);
    if (consumer.type !== 'simulcast' && consumer.type !== 'svc') return;
    await consumer.setPreferredLayers({ spatialLayer, temporalLayer });
  }

  close(): void {
    this.closed = true;
    void this.current.then((room) => room.close(), () => undefined);
  }

  private async peerOf(userId: string): Promise<{ room: Room; peer: Peer }> {
    const room = await this.current;
    return { room, peer: room.join(userId) };
  }

  private socketOf(userId: string): string | null {
    return this.seats.seat(userId).socketId;
  }

  private forwardConsumerEvents(userId: string, consumer: types.Consumer): void {
    const send = this.outbox;
    consumer.on('score', (score) =>
      send.toSocket(this.socketOf(userId), RoomNotice.ConsumerScore, { consumerId: consumer.id, score: score.score, producerScore: score.producerScore }),
    );
    consumer.on('layerschange', (layers) =>
      send.toSocket(this.socketOf(userId), RoomNotice.ConsumerLayers, {
        consumerId: consumer.id,
        spatialLayer: layers?.spatialLayer ?? null,
        temporalLayer: layers?.temporalLayer ?? null,
      }),
    );
    consumer.observer.once('close', () => send.toSocket(this.socketOf(userId), RoomNotice.ConsumerClosed, { consumerId: consumer.id }));
  }

  /** A new receive transport learns of everything the others already send. */
  private announceProducersTo(userId: string, room: Room): void {
    const socketId = this.socketOf(userId);
    for (const peer of room.peers.values()) {
      if (peer.id === userId) continue;
      for (const producer of peer.producers.values()) {
        this.outbox.toSocket(socketId, RoomNotice.NewProducer, {
          producerId: producer.id,
          userId: peer.id,
          kind: producer.kind,
          source: producer.appData.source as MediaSource,
          paused: producer.paused,
        });
      }
    }
  }

  private async createRoom(): Promise<Room> {
    const room = await Room.create(this.consultationId, await this.liveSlotReady());
    room.events.on('activeSpeaker', (userId) => this.outbox.toAll(RoomNotice.ActiveSpeaker, { userId }));
    room.events.once('workerLost', () => this.rebuild());
    room.events.on('producer', (producer) => this.events.emit('producer', room.router, producer));
    if (this.closed) room.close();
    return room;
  }

  /** The worker under this room died: a new router on a live worker, and everyone in the call starts their media again. */
  private rebuild(): void {
    if (this.closed) return;
    this.logger.warn(`rebuilding media on another worker [roomId:${this.consultationId}]`);
    this.current = this.createRoom();
    this.current.then(
      (room) => {
        for (const seat of this.seats.inCall()) this.outbox.toSocket(seat.socketId, RoomNotice.MediaReset, { rtpCapabilities: room.rtpCapabilities as RtpCapabilities });
      },
      (error: Error) => this.logger.error(`could not rebuild media [roomId:${this.consultationId}]: ${error.message}`),
    );
  }

  /** The pool itself, once it has a live worker (a lone worker that just died is replaced within a second). */
  private async liveSlotReady(): Promise<MediaWorkerPool> {
    const deadline = Date.now() + WORKER_REPLACEMENT_WAIT_MS;
    while (!this.pool.leastLoaded()) {
      if (Date.now() > deadline || this.closed) throw new AppError(ErrorCode.MediaUnavailable);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return this.pool;
  }
}
