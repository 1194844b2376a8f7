import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import {
  ErrorCode,
  RoomNotice,
  type ParticipantView,
  type RecordingStateView,
  type RoomClosedReason,
  type RtpCapabilities,
} from '@vetmeet/contracts';
import { AppError } from '../common/errors/app-error';
import type { RoomTicket } from '../consultations/consultation-room-access';
import type { MediaWorkerPool } from '../media/media-worker-pool';
import type { RecordingPortsView } from '../recordings/capture/room-recording';
import { RoomRecording } from '../recordings/capture/room-recording';
import { RoomMedia } from './room-media';
import type { RoomNamespace, RoomSocket } from './room-outbox';
import { RoomOutbox } from './room-outbox';
import { RoomRecordingMedia } from './room-recording-media';
import { RoomSeats, type RoomSeat } from './room-seats';

/** setTimeout's ceiling (about 24.8 days); a window closing later is checked again on the next join. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface RoomArrival {
  self: ParticipantView;
  participants: ParticipantView[];
  admitted: boolean;
  locked: boolean;
  rtpCapabilities: RtpCapabilities | null;
  recording: RecordingStateView;
}

/**
 * One consultation's live room: its people (RoomSeats: waiting room, admission, lock), its
 * media (RoomMedia) and its socket.io channel. Every request finds its person by the socket
 * it came on, so a socket from another room or an earlier life of this one reaches nothing.
 * Empty for the grace period, or past its join window, the room closes itself.
 */
export class ConsultationRoom {
  private readonly logger = new Logger(ConsultationRoom.name);
  readonly seats: RoomSeats;
  readonly media: RoomMedia;
  readonly outbox: RoomOutbox;
  readonly recording: RoomRecording;
  readonly events = new EventEmitter<{ closed: [] }>();
  private emptyTimer: NodeJS.Timeout | undefined;
  private readonly windowTimer: NodeJS.Timeout;
  private closed = false;

  constructor(
    readonly consultationId: string,
    ticket: RoomTicket,
    pool: MediaWorkerPool,
    namespace: RoomNamespace,
    private readonly emptyGraceMs: number,
    recordingPorts: RecordingPortsView,
  ) {
    this.seats = new RoomSeats(
      [
        { ...ticket.owner, role: 'owner' },
        { ...ticket.consultant, role: 'consultant' },
      ],
      ticket.roomLocked,
    );
    this.outbox = new RoomOutbox(namespace, `consultation:${consultationId}`);
    this.media = new RoomMedia(consultationId, pool, this.seats, this.outbox);
    this.recording = new RoomRecording({
      consultationId,
      ports: recordingPorts,
      media: new RoomRecordingMedia(this.media),
      inCall: () => this.seats.inCall().map(({ userId, role }) => ({ userId, role })),
      announce: (view) => this.outbox.toAll(RoomNotice.RecordingState, view),
    });
    const untilWindowCloses = Math.min(MAX_TIMER_MS, Math.max(0, ticket.joinClosesAt.getTime() - Date.now()));
    this.windowTimer = setTimeout(() => this.close('window_closed'), untilWindowCloses).unref();
    this.logger.debug(`create() [roomId:${consultationId}]`);
  }

  async join(userId: string, socket: RoomSocket): Promise<RoomArrival> {
    this.assertOpen();
    const previousSocketId = this.seats.seat(userId).socketId;
    const { seat, replacedSocketId } = this.seats.arrive(userId, socket.id);
    if (replacedSocketId) {
      this.outbox.toSocket(replacedSocketId, RoomNotice.Closed, { reason: 'joined_elsewhere' });
      this.outbox.remove(replacedSocketId);
    }
    // A new socket starts its media afresh; the same socket asking again keeps what it has.
    if (previousSocketId !== socket.id) await this.media.dropPeer(userId);
    await socket.join(this.outbox.channel);
    this.cancelEmptyTimer();
    this.broadcastParticipants();
    this.logger.debug(`join() [roomId:${this.consultationId}, userId:${userId}, admitted:${seat.admitted}]`);
    if (seat.admitted) this.checkRecordingConsent(userId);
    return {
      self: this.participant(userId),
      participants: this.seats.participants(),
      admitted: seat.admitted,
      locked: this.seats.locked,
      rtpCapabilities: seat.admitted ? await this.media.rtpCapabilities() : null,
      recording: this.recording.view(),
    };
  }

  async admit(bySocketId: string, userId: string): Promise<void> {
    const consultant = this.requireSeat(bySocketId);
    const seat = this.seats.admit(consultant.userId, userId);
    this.outbox.toSocket(seat.socketId, RoomNotice.Admitted, { rtpCapabilities: await this.media.rtpCapabilities() });
    this.broadcastParticipants();
    this.checkRecordingConsent(userId);
  }

  setLocked(bySocketId: string, locked: boolean): void {
    this.seats.setLocked(this.requireSeat(bySocketId).userId, locked);
    this.outbox.toAll(RoomNotice.LockChanged, { locked });
  }

  /** The person chose to leave: their media goes, their place (admission) stays for coming back. */
  async leave(socketId: string): Promise<void> {
    const seat = this.requireSeat(socketId);
    this.seats.leave(seat.userId);
    await this.afterDeparture(seat.userId, socketId);
  }

  /** A socket went away without leaving: shown as reconnecting until it comes back or the room closes. */
  async drop(socketId: string): Promise<void> {
    const seat = this.seats.drop(socketId);
    if (seat) await this.afterDeparture(seat.userId, socketId);
  }

  /** The seat of the person this socket speaks for, or NOT_FOUND. */
  requireSeat(socketId: string): RoomSeat {
    const seat = this.seats.bySocket(socketId);
    if (!seat || this.closed) throw new AppError(ErrorCode.NotFound, 'Join the room first.');
    return seat;
  }

  /** As requireSeat, for what only the consultant may do (admit, lock, end). */
  requireConsultant(socketId: string): RoomSeat {
    return this.seats.requireConsultant(this.requireSeat(socketId).userId);
  }

  /** As requireSeat, and let in: media and admission-only actions need it. */
  requireInCall(socketId: string): RoomSeat {
    const seat = this.requireSeat(socketId);
    if (!seat.admitted) throw new AppError(ErrorCode.NotAdmitted);
    return seat;
  }

  /**
   * Closes the room: its media goes, and with a reason everyone in it is told (room:closed).
   * Without one (empty past the grace period, or the process shutting down) nobody is told:
   * there is nobody, or their clients reconnect to a new process.
   */
  close(reason?: RoomClosedReason): void {
    if (this.closed) return;
    this.closed = true;
    this.cancelEmptyTimer();
    clearTimeout(this.windowTimer);
    if (reason) {
      this.outbox.toAll(RoomNotice.Closed, { reason });
      this.outbox.removeAll();
    }
    void this.recording.close();
    this.media.close();
    this.logger.debug(`close() [roomId:${this.consultationId}, reason:${reason ?? 'none'}]`);
    this.events.emit('closed');
  }

  private async afterDeparture(userId: string, socketId: string): Promise<void> {
    this.outbox.remove(socketId);
    await this.media.dropPeer(userId);
    this.broadcastParticipants();
    if (this.seats.isEmpty && !this.closed) {
      this.cancelEmptyTimer();
      this.emptyTimer = setTimeout(() => this.close(), this.emptyGraceMs).unref();
    }
  }

  /** Someone came into the call: a recording without their standing consent pauses. */
  private checkRecordingConsent(userId: string): void {
    const { role } = this.seats.seat(userId);
    this.recording.arrived({ userId, role }).catch((error: Error) => {
      this.logger.warn(`recording consent check failed [roomId:${this.consultationId}]: ${error.message}`);
    });
  }

  private broadcastParticipants(): void {
    this.outbox.toAll(RoomNotice.Participants, { participants: this.seats.participants() });
  }

  private participant(userId: string): ParticipantView {
    return this.seats.participants().find((participant) => participant.userId === userId) as ParticipantView;
  }

  private cancelEmptyTimer(): void {
    if (this.emptyTimer) clearTimeout(this.emptyTimer);
    this.emptyTimer = undefined;
  }

  private assertOpen(): void {
    if (this.closed) throw new AppError(ErrorCode.ConsultationClosed);
  }
}
