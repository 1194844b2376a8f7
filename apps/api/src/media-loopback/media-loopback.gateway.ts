import { UseFilters, UsePipes } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
} from '@nestjs/websockets';
import {
  ConnectTransportRequest,
  ConsumeRequest,
  CreateTransportRequest,
  MEDIA_LOOPBACK_NAMESPACE,
  MediaLoopbackNotice,
  MediaLoopbackRequest,
  ProduceRequest,
  ResumeConsumerRequest,
  TransportStateRequest,
  type MediaLoopbackClientToServerEvents,
  type MediaLoopbackServerToClientEvents,
} from '@vetmeet/contracts';
import type { Socket } from 'socket.io';
import { WsErrorFilter } from '../common/errors/ws-error.filter';
import { createValidationPipe } from '../common/validation';
import { MetricsService } from '../metrics/metrics.service';
import { ok } from '../signaling/ack';
import { answerUnknownEvents } from '../signaling/unknown-event.guard';
import { TurnCredentialsService } from '../turn/turn-credentials.service';
import { MediaLoopbackService } from './media-loopback.service';

type LoopbackSocket = Socket<MediaLoopbackClientToServerEvents, MediaLoopbackServerToClientEvents>;
const KNOWN_EVENTS: ReadonlySet<string> = new Set(Object.values(MediaLoopbackRequest));

/** Development only (see AppModule): unauthenticated by design, so never loaded in production. */
@WebSocketGateway({ namespace: MEDIA_LOOPBACK_NAMESPACE })
@UseFilters(WsErrorFilter)
@UsePipes(createValidationPipe())
export class MediaLoopbackGateway implements OnGatewayConnection, OnGatewayDisconnect {
  constructor(
    private readonly loopback: MediaLoopbackService,
    private readonly metrics: MetricsService,
    private readonly turn: TurnCredentialsService,
  ) {}

  handleConnection(socket: LoopbackSocket): void {
    this.metrics.socketConnections.inc({ namespace: MEDIA_LOOPBACK_NAMESPACE });
    answerUnknownEvents(socket, KNOWN_EVENTS, this.metrics);
  }

  async handleDisconnect(socket: LoopbackSocket): Promise<void> {
    this.metrics.socketConnections.dec({ namespace: MEDIA_LOOPBACK_NAMESPACE });
    await this.loopback.leave(socket.id);
  }

  @SubscribeMessage(MediaLoopbackRequest.GetRouterRtpCapabilities)
  async getRouterRtpCapabilities(@ConnectedSocket() socket: LoopbackSocket) {
    return ok(await this.loopback.rtpCapabilities(socket.id));
  }

  /** Nobody is signed in here, so the credential is issued for the socket: an anonymous, short-lived id. */
  @SubscribeMessage(MediaLoopbackRequest.GetIceServers)
  getIceServers(@ConnectedSocket() socket: LoopbackSocket) {
    return ok(this.turn.iceServersFor(`loopback:${socket.id}`));
  }

  @SubscribeMessage(MediaLoopbackRequest.CreateTransport)
  async createTransport(@ConnectedSocket() socket: LoopbackSocket, @MessageBody() request: CreateTransportRequest) {
    const transport = await this.loopback.createTransport(socket.id, request.direction, (transportId, dtlsState) =>
      socket.emit(MediaLoopbackNotice.DtlsStateChanged, { transportId, dtlsState }),
    );
    return ok(transport);
  }

  @SubscribeMessage(MediaLoopbackRequest.ConnectTransport)
  async connectTransport(@ConnectedSocket() socket: LoopbackSocket, @MessageBody() request: ConnectTransportRequest) {
    await this.loopback.connectTransport(socket.id, request);
    return ok({ connected: true as const });
  }

  @SubscribeMessage(MediaLoopbackRequest.Produce)
  async produce(@ConnectedSocket() socket: LoopbackSocket, @MessageBody() request: ProduceRequest) {
    return ok({ producerId: await this.loopback.produce(socket.id, request) });
  }

  @SubscribeMessage(MediaLoopbackRequest.Consume)
  async consume(@ConnectedSocket() socket: LoopbackSocket, @MessageBody() request: ConsumeRequest) {
    return ok(await this.loopback.consume(socket.id, request));
  }

  @SubscribeMessage(MediaLoopbackRequest.ResumeConsumer)
  async resumeConsumer(@ConnectedSocket() socket: LoopbackSocket, @MessageBody() request: ResumeConsumerRequest) {
    await this.loopback.resumeConsumer(socket.id, request.consumerId);
    return ok({ resumed: true as const });
  }

  @SubscribeMessage(MediaLoopbackRequest.GetTransportState)
  async getTransportState(@ConnectedSocket() socket: LoopbackSocket, @MessageBody() request: TransportStateRequest) {
    return ok(await this.loopback.transportState(socket.id, request.transportId));
  }
}
