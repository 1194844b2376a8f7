import { Injectable } from '@nestjs/common';
import { ErrorCode, type ChatMessageView, type JoinRoomPayload, type JoinRoomView } from '@vetmeet/contracts';
import { AppError } from '../common/errors/app-error';
import { ConsultationEvents } from '../consultations/consultation-events';
import { ConsultationRoomAccess } from '../consultations/consultation-room-access';
import { TurnCredentialsService } from '../turn/turn-credentials.service';
import type { ConsultationRoom } from './consultation-room';
import { RoomDirectory } from './room-directory';
import type { RoomSocket } from './room-outbox';

/**
 * The room's people-side requests: join, admit, lock, leave, end. Access is decided by
 * ConsultationRoomAccess from the database on every join (participant, status, window,
 * password); the room itself decides the waiting room and the lock.
 */
@Injectable()
export class RoomSignalingService {
  constructor(
    private readonly access: ConsultationRoomAccess,
    private readonly directory: RoomDirectory,
    private readonly turn: TurnCredentialsService,
    consultations: ConsultationEvents,
  ) {
    // Changes made outside the room (a cancellation over HTTP, the window sweep) close it at once.
    consultations.on('cancelled', ({ consultationId }) => this.directory.close(consultationId, 'cancelled'));
    consultations.on('lapsed', ({ consultationId }) => this.directory.close(consultationId, 'window_closed'));
  }

  async join(socket: RoomSocket, request: JoinRoomPayload): Promise<JoinRoomView> {
    const actor = socket.data.actor;
    const ticket = await this.access.checkJoin(actor, request.consultationId, request.password);
    const previous = socket.data.consultationId;
    if (previous && previous !== ticket.consultationId) await this.directory.get(previous)?.leave(socket.id).catch(() => undefined);
    const room = this.directory.open(ticket);
    const arrival = await room.join(actor.userId, socket);
    socket.data.consultationId = ticket.consultationId;
    let status = ticket.status;
    if (ticket.role === 'owner' && status === 'scheduled') {
      await this.access.markStatus(actor, ticket.consultationId, 'waiting');
      status = 'waiting';
    }
    return {
      consultationId: ticket.consultationId,
      status,
      endsAt: ticket.endsAt.toISOString(),
      ...arrival,
      iceServers: this.turn.iceServersFor(actor.userId),
    };
  }

  async admit(socket: RoomSocket, userId: string): Promise<void> {
    const room = this.roomOf(socket);
    await room.admit(socket.id, userId);
    await this.access.markStatus(socket.data.actor, room.consultationId, 'in_progress');
  }

  async setLocked(socket: RoomSocket, locked: boolean): Promise<boolean> {
    const room = this.roomOf(socket);
    // Checked before the database is written, so an owner's attempt changes nothing anywhere.
    room.requireConsultant(socket.id);
    await this.access.setLocked(socket.data.actor, room.consultationId, locked);
    room.setLocked(socket.id, locked);
    return locked;
  }

  async leave(socket: RoomSocket): Promise<void> {
    await this.roomOf(socket).leave(socket.id);
    socket.data.consultationId = undefined;
  }

  /** The consultant ends the consultation for everyone: the status is stored first, then the room closes. */
  async end(socket: RoomSocket): Promise<void> {
    const room = this.roomOf(socket);
    room.requireConsultant(socket.id);
    await this.access.markStatus(socket.data.actor, room.consultationId, 'ended');
    this.directory.close(room.consultationId, 'ended');
  }

  async disconnected(socket: RoomSocket): Promise<void> {
    await this.directory.get(socket.data.consultationId)?.drop(socket.id);
  }

  /** Shares a message with everyone else in the room (the sender has it from the acknowledgement). */
  broadcastChat(consultationId: string, message: ChatMessageView, exceptSocketId: string | null): void {
    this.directory.get(consultationId)?.outbox.toOthers(exceptSocketId, 'chat:message', message);
  }

  /** The room this socket joined, for any request after the join. */
  roomOf(socket: RoomSocket): ConsultationRoom {
    const room = this.directory.get(socket.data.consultationId);
    if (!room) throw new AppError(ErrorCode.NotFound, 'Join the room first.');
    room.requireSeat(socket.id);
    return room;
  }
}
