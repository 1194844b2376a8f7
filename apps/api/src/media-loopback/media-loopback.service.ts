import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ErrorCode, type ConsumeRequest, type ConnectTransportRequest, type ProduceRequest } from '@vetmeet/contracts';
import type { ConsumerOptionsView, DtlsState, TransportDirection, TransportOptionsView, TransportStateView } from '@vetmeet/contracts';
import type { types } from 'mediasoup';
import { AppError } from '../common/errors/app-error';
import { rejectingBadMedia } from '../media/rejecting-bad-media';
import { transportOptionsOf } from '../media/transport-options';
import { MediaWorkerPool } from '../media/media-worker-pool';
import type { Peer } from '../media/peer';
import { Room } from '../media/room';

interface LoopbackSession {
  room: Room;
  peer: Peer;
}

/**
 * The development media loopback: each socket gets a private room whose only peer
 * consumes its own producers, proving capture → DTLS/SRTP → SFU → decode end to end.
 */
@Injectable()
export class MediaLoopbackService implements OnApplicationShutdown {
  private readonly logger = new Logger(MediaLoopbackService.name);
  private readonly sessions = new Map<string, Promise<LoopbackSession>>();

  constructor(private readonly pool: MediaWorkerPool) {}

  async rtpCapabilities(socketId: string) {
    return (await this.session(socketId)).room.rtpCapabilities;
  }

  async createTransport(
    socketId: string,
    direction: TransportDirection,
    onDtlsState: (transportId: string, state: DtlsState) => void,
  ): Promise<TransportOptionsView> {
    const { room, peer } = await this.session(socketId);
    const transport = await room.createWebRtcTransport(peer, direction);
    transport.on('dtlsstatechange', (state) => onDtlsState(transport.id, state));
    return transportOptionsOf(transport);
  }

  async connectTransport(socketId: string, request: ConnectTransportRequest): Promise<void> {
    const { peer } = await this.session(socketId);
    await rejectingBadMedia(() => peer.transport(request.transportId).connect({ dtlsParameters: request.dtlsParameters as types.DtlsParameters }));
  }

  async produce(socketId: string, request: ProduceRequest): Promise<string> {
    const { peer } = await this.session(socketId);
    const transport = peer.transport(request.transportId);
    const producer = await rejectingBadMedia(() =>
      transport.produce({
        kind: request.kind,
        rtpParameters: request.rtpParameters as types.RtpParameters,
        appData: { source: request.appData?.source },
      }),
    );
    peer.addProducer(producer);
    return producer.id;
  }

  async consume(socketId: string, request: ConsumeRequest): Promise<ConsumerOptionsView> {
    const { room, peer } = await this.session(socketId);
    const transport = peer.transport(request.transportId);
    const producer = room.findProducer(request.producerId);
    if (!producer) throw new AppError(ErrorCode.NotFound, 'No such producer.');
    const rtpCapabilities = request.rtpCapabilities as types.RtpCapabilities;
    if (!room.router.canConsume({ producerId: producer.id, rtpCapabilities })) {
      throw new AppError(ErrorCode.MediaRejected, 'This browser cannot receive that media.');
    }
    // Paused until the client has set up its side, so the first packets (and the key frame) are not lost.
    const consumer = await rejectingBadMedia(() => transport.consume({ producerId: producer.id, rtpCapabilities, paused: true }));
    peer.addConsumer(consumer);
    return { id: consumer.id, producerId: producer.id, kind: consumer.kind, rtpParameters: consumer.rtpParameters } as ConsumerOptionsView;
  }

  async resumeConsumer(socketId: string, consumerId: string): Promise<void> {
    const { peer } = await this.session(socketId);
    const consumer = peer.consumer(consumerId);
    await consumer.resume();
    if (consumer.kind === 'video') await consumer.requestKeyFrame();
  }

  async transportState(socketId: string, transportId: string): Promise<TransportStateView> {
    const transport = (await this.session(socketId)).peer.transport(transportId);
    return { transportId, dtlsState: transport.dtlsState, iceState: transport.iceState };
  }

  async leave(socketId: string): Promise<void> {
    const session = this.sessions.get(socketId);
    this.sessions.delete(socketId);
    (await session?.catch(() => undefined))?.room.close();
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.sessions.keys()].map((socketId) => this.leave(socketId)));
  }

  /** Room creation is serialized per socket: two racing requests share one room. */
  private session(socketId: string): Promise<LoopbackSession> {
    let session = this.sessions.get(socketId);
    if (!session) {
      session = Room.create(`loopback:${socketId}`, this.pool).then((room) => {
        // A room whose worker died is gone: the socket's next request starts a new one.
        room.events.once('workerLost', () => {
          if (this.sessions.get(socketId) === session) this.sessions.delete(socketId);
          this.logger.warn(`loopback room lost its worker [roomId:${room.id}]`);
        });
        return { room, peer: room.join(socketId) };
      });
      session.catch(() => this.sessions.delete(socketId));
      this.sessions.set(socketId, session);
    }
    return session;
  }
}
