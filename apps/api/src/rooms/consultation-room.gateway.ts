import { Inject, UseFilters, UsePipes } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
} from '@nestjs/websockets';
import {
  AdmitRequest,
  ConnectTransportRequest,
  ConsumeRequest,
  CreateTransportRequest,
  JoinRoomRequest,
  ProduceRequest,
  ProducerRequest,
  RestartIceRequest,
  ResumeConsumerRequest,
  ROOM_NAMESPACE,
  RoomRequest,
  SendChatMessageRequest,
  SetPreferredLayersRequest,
  SetRoomLockedRequest,
  TransportRequest,
} from '@vetmeet/contracts';
import { sessionCookieName } from '../auth/session-cookie';
import { WsErrorFilter } from '../common/errors/ws-error.filter';
import { createValidationPipe } from '../common/validation';
import { AppConfig } from '../config/app-config';
import { ConsultationChatService } from '../consultation-chat/consultation-chat.service';
import { MetricsService } from '../metrics/metrics.service';
import { SessionsService } from '../sessions/sessions.service';
import { ok } from '../signaling/ack';
import { authenticateSockets } from '../signaling/socket-session';
import { limitSocketMessages } from '../signaling/socket-rate-limit';
import { answerUnknownEvents } from '../signaling/unknown-event.guard';
import { RoomDirectory } from './room-directory';
import { RoomRecordingControls } from './room-recording-controls';
import type { RoomNamespace, RoomSocket } from './room-outbox';
import { RoomSignalingService } from './room-signaling.service';

const KNOWN_EVENTS: ReadonlySet<string> = new Set(Object.values(RoomRequest));

/** A call's signaling is a few messages a second; a chat message is a database write. */
const MESSAGE_LIMITS = { burst: 60, perSecond: 20 };
const EVENT_LIMITS = {
  [RoomRequest.SendChatMessage]: { burst: 10, perSecond: 2 },
  // Rejoining after a drop is normal; guessing room passwords is limited separately, per person and consultation.
  [RoomRequest.Join]: { burst: 10, perSecond: 1 },
};

/**
 * The consultation room's signaling. Sockets are authenticated on connect from the session
 * cookie; each handler is one line handing a validated DTO to a service. Media requests
 * need a place in the call (admitted), found by the socket they come on.
 */
@WebSocketGateway({ namespace: ROOM_NAMESPACE })
@UseFilters(WsErrorFilter)
@UsePipes(createValidationPipe())
export class ConsultationRoomGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  constructor(
    private readonly signaling: RoomSignalingService,
    private readonly directory: RoomDirectory,
    private readonly chat: ConsultationChatService,
    private readonly recording: RoomRecordingControls,
    private readonly sessions: SessionsService,
    private readonly metrics: MetricsService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  afterInit(namespace: RoomNamespace): void {
    namespace.use(authenticateSockets(this.sessions, sessionCookieName(this.config)));
    this.directory.attach(namespace);
    // Files shared over HTTP become chat messages: everyone in the room sees them at once.
    this.chat.events.on('posted', (message) => this.signaling.broadcastChat(message.consultationId, message, null));
    this.sessions.events.on('ended', ({ sessionId }) => {
      for (const socket of namespace.sockets.values()) if (socket.data.actor.sessionId === sessionId) socket.disconnect(true);
    });
  }

  handleConnection(socket: RoomSocket): void {
    this.metrics.socketConnections.inc({ namespace: ROOM_NAMESPACE });
    answerUnknownEvents(socket, KNOWN_EVENTS, this.metrics);
    limitSocketMessages(socket, MESSAGE_LIMITS, EVENT_LIMITS);
  }

  async handleDisconnect(socket: RoomSocket): Promise<void> {
    this.metrics.socketConnections.dec({ namespace: ROOM_NAMESPACE });
    await this.signaling.disconnected(socket);
  }

  @SubscribeMessage(RoomRequest.Ping)
  ping() {
    return ok({ serverTime: new Date().toISOString() });
  }

  @SubscribeMessage(RoomRequest.Join)
  async join(@ConnectedSocket() socket: RoomSocket, @MessageBody() request: JoinRoomRequest) {
    return ok(await this.signaling.join(socket, request));
  }

  @SubscribeMessage(RoomRequest.Admit)
  async admit(@ConnectedSocket() socket: RoomSocket, @MessageBody() request: AdmitRequest) {
    await this.signaling.admit(socket, request.userId);
    return ok({ admitted: true as const });
  }

  @SubscribeMessage(RoomRequest.SetLocked)
  async setLocked(@ConnectedSocket() socket: RoomSocket, @MessageBody() request: SetRoomLockedRequest) {
    return ok({ locked: await this.signaling.setLocked(socket, request.locked) });
  }

  @SubscribeMessage(RoomRequest.Leave)
  async leave(@ConnectedSocket() socket: RoomSocket) {
    await this.signaling.leave(socket);
    return ok({ left: true as const });
  }

  @SubscribeMessage(RoomRequest.End)
  async end(@ConnectedSocket() socket: RoomSocket) {
    await this.signaling.end(socket);
    return ok({ ended: true as const });
  }

  @SubscribeMessage(RoomRequest.CreateTransport)
  async createTransport(@ConnectedSocket() socket: RoomSocket, @MessageBody() request: CreateTransportRequest) {
    const { media, userId } = this.inCall(socket);
    return ok(await media.createTransport(userId, request.direction));
  }

  @SubscribeMessage(RoomRequest.ConnectTransport)
  async connectTransport(@ConnectedSocket() socket: RoomSocket, @MessageBody() request: ConnectTransportRequest) {
    const { media, userId } = this.inCall(socket);
    await media.connectTransport(userId, request);
    return ok({ connected: true as const });
  }

  @SubscribeMessage(RoomRequest.RestartIce)
  async restartIce(@ConnectedSocket() socket: RoomSocket, @MessageBody() request: RestartIceRequest) {
    const { media, userId } = this.inCall(socket);
    return ok({ iceParameters: await media.restartIce(userId, request.transportId) });
  }

  @SubscribeMessage(RoomRequest.CloseTransport)
  async closeTransport(@ConnectedSocket() socket: RoomSocket, @MessageBody() request: TransportRequest) {
    const { media, userId } = this.inCall(socket);
    await media.closeTransport(userId, request.transportId);
    return ok({ closed: true as const });
  }

  @SubscribeMessage(RoomRequest.Produce)
  async produce(@ConnectedSocket() socket: RoomSocket, @MessageBody() request: ProduceRequest) {
    const { media, userId } = this.inCall(socket);
    return ok({ producerId: await media.produce(userId, request) });
  }

  @SubscribeMessage(RoomRequest.CloseProducer)
  async closeProducer(@ConnectedSocket() socket: RoomSocket, @MessageBody() request: ProducerRequest) {
    const { media, userId } = this.inCall(socket);
    await media.closeProducer(userId, request.producerId);
    return ok({ closed: true as const });
  }

  @SubscribeMessage(RoomRequest.PauseProducer)
  async pauseProducer(@ConnectedSocket() socket: RoomSocket, @MessageBody() request: ProducerRequest) {
    const { media, userId } = this.inCall(socket);
    await media.setProducerPaused(userId, request.producerId, true);
    return ok({ paused: true as const });
  }

  @SubscribeMessage(RoomRequest.ResumeProducer)
  async resumeProducer(@ConnectedSocket() socket: RoomSocket, @MessageBody() request: ProducerRequest) {
    const { media, userId } = this.inCall(socket);
    await media.setProducerPaused(userId, request.producerId, false);
    return ok({ resumed: true as const });
  }

  @SubscribeMessage(RoomRequest.Consume)
  async consume(@ConnectedSocket() socket: RoomSocket, @MessageBody() request: ConsumeRequest) {
    const { media, userId } = this.inCall(socket);
    return ok(await media.consume(userId, request));
  }

  @SubscribeMessage(RoomRequest.ResumeConsumer)
  async resumeConsumer(@ConnectedSocket() socket: RoomSocket, @MessageBody() request: ResumeConsumerRequest) {
    const { media, userId } = this.inCall(socket);
    await media.resumeConsumer(userId, request.consumerId);
    return ok({ resumed: true as const });
  }

  @SubscribeMessage(RoomRequest.SetPreferredLayers)
  async setPreferredLayers(@ConnectedSocket() socket: RoomSocket, @MessageBody() request: SetPreferredLayersRequest) {
    const { media, userId } = this.inCall(socket);
    await media.setPreferredLayers(userId, request.consumerId, request.spatialLayer, request.temporalLayer);
    return ok({ set: true as const });
  }

  @SubscribeMessage(RoomRequest.SendChatMessage)
  async sendChatMessage(@ConnectedSocket() socket: RoomSocket, @MessageBody() request: SendChatMessageRequest) {
    const room = this.signaling.roomOf(socket);
    const message = await this.chat.append(socket.data.actor, room.consultationId, request.clientMessageId, request.text);
    this.signaling.broadcastChat(room.consultationId, message, socket.id);
    return ok(message);
  }

  @SubscribeMessage(RoomRequest.ChatHistory)
  async chatHistory(@ConnectedSocket() socket: RoomSocket) {
    return ok(await this.chat.history(socket.data.actor, this.signaling.roomOf(socket).consultationId));
  }

  @SubscribeMessage(RoomRequest.StartRecording)
  async startRecording(@ConnectedSocket() socket: RoomSocket) {
    return ok(await this.recording.start(socket));
  }

  @SubscribeMessage(RoomRequest.StopRecording)
  async stopRecording(@ConnectedSocket() socket: RoomSocket) {
    return ok(await this.recording.stop(socket));
  }

  @SubscribeMessage(RoomRequest.ResumeRecording)
  async resumeRecording(@ConnectedSocket() socket: RoomSocket) {
    return ok(await this.recording.resume(socket));
  }

  @SubscribeMessage(RoomRequest.RecordingReadiness)
  async recordingReadiness(@ConnectedSocket() socket: RoomSocket) {
    return ok(await this.recording.readiness(socket));
  }

  private inCall(socket: RoomSocket) {
    const room = this.signaling.roomOf(socket);
    return { media: room.media, userId: room.requireInCall(socket.id).userId };
  }
}
