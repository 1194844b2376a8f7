import { Inject, UseFilters, UsePipes } from '@nestjs/common';
import { ConnectedSocket, SubscribeMessage, WebSocketGateway, WebSocketServer, type OnGatewayConnection, type OnGatewayDisconnect, type OnGatewayInit } from '@nestjs/websockets';
import {
  SESSION_NAMESPACE,
  SessionNotice,
  SessionRequest,
  type SessionClientToServerEvents,
  type SessionServerToClientEvents,
} from '@vetmeet/contracts';
import type { Namespace, Socket } from 'socket.io';
import type { Actor } from '../auth/actor';
import { sessionCookieName } from '../auth/session-cookie';
import { WsErrorFilter } from '../common/errors/ws-error.filter';
import { createValidationPipe } from '../common/validation';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { ok } from '../signaling/ack';
import { authenticateSockets } from '../signaling/socket-session';
import { answerUnknownEvents } from '../signaling/unknown-event.guard';
import { SessionsService } from './sessions.service';

type SessionSocket = Socket<SessionClientToServerEvents, SessionServerToClientEvents, Record<string, never>, { actor: Actor }>;
const KNOWN_EVENTS: ReadonlySet<string> = new Set(Object.values(SessionRequest));
const roomOf = (sessionId: string) => `session:${sessionId}`;

@WebSocketGateway({ namespace: SESSION_NAMESPACE })
@UseFilters(WsErrorFilter)
@UsePipes(createValidationPipe())
export class SessionEventsGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect {
  @WebSocketServer()
  private namespace!: Namespace;

  constructor(
    private readonly sessions: SessionsService,
    private readonly metrics: MetricsService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  afterInit(namespace: Namespace): void {
    namespace.use(authenticateSockets(this.sessions, sessionCookieName(this.config)));
    this.sessions.events.on('ended', ({ sessionId, reason }) => {
      this.namespace.to(roomOf(sessionId)).emit(SessionNotice.Ended, { reason });
      this.namespace.in(roomOf(sessionId)).disconnectSockets(true);
    });
  }

  handleConnection(socket: SessionSocket): void {
    this.metrics.socketConnections.inc({ namespace: SESSION_NAMESPACE });
    answerUnknownEvents(socket, KNOWN_EVENTS, this.metrics);
    void socket.join(roomOf(socket.data.actor.sessionId));
  }

  handleDisconnect(): void {
    this.metrics.socketConnections.dec({ namespace: SESSION_NAMESPACE });
  }

  @SubscribeMessage(SessionRequest.WhoAmI)
  whoAmI(@ConnectedSocket() socket: SessionSocket) {
    return ok({ userId: socket.data.actor.userId, sessionId: socket.data.actor.sessionId });
  }
}
