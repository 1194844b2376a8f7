import { ErrorCode, type ConsultationRoleValue, type ParticipantView, type PresenceState } from '@vetmeet/contracts';
import { AppError } from '../common/errors/app-error';

/** One person's place in a consultation room. A place outlives the socket that took it. */
export interface RoomSeat {
  userId: string;
  displayName: string;
  role: ConsultationRoleValue;
  /** The socket that speaks for this person now; null while they are away. */
  socketId: string | null;
  /** Let in by the consultant (consultants let themselves in). Lasts as long as the room. */
  admitted: boolean;
  /** Their connection dropped (rather than they left): shown as "reconnecting". */
  dropped: boolean;
}

export interface SeatHolder {
  userId: string;
  displayName: string;
  role: ConsultationRoleValue;
}

export interface Arrival {
  seat: RoomSeat;
  /** Another socket of the same person that this arrival replaced (another tab, a stale connection). */
  replacedSocketId: string | null;
}

/**
 * Who is in a consultation room and who may come in: the waiting room, admission and the
 * lock. Pure state, no media and no sockets, so its rules are tested on their own.
 */
export class RoomSeats {
  private readonly seats = new Map<string, RoomSeat>();
  locked: boolean;

  constructor(holders: SeatHolder[], locked: boolean) {
    for (const holder of holders) {
      this.seats.set(holder.userId, { ...holder, socketId: null, admitted: holder.role === 'consultant', dropped: false });
    }
    this.locked = locked;
  }

  /** A participant arrives (or comes back). A locked room lets in only those with a place: the consultant and the admitted. */
  arrive(userId: string, socketId: string): Arrival {
    const seat = this.seat(userId);
    if (this.locked && !seat.admitted) throw new AppError(ErrorCode.RoomLocked);
    const replacedSocketId = seat.socketId !== null && seat.socketId !== socketId ? seat.socketId : null;
    seat.socketId = socketId;
    seat.dropped = false;
    return { seat, replacedSocketId };
  }

  /** The consultant's seat, or FORBIDDEN: admitting, locking and ending are theirs alone. */
  requireConsultant(userId: string): RoomSeat {
    const seat = this.seat(userId);
    if (seat.role !== 'consultant') throw new AppError(ErrorCode.Forbidden, 'Only the consultant can do that.');
    return seat;
  }

  admit(byUserId: string, userId: string): RoomSeat {
    this.requireConsultant(byUserId);
    const seat = this.seat(userId);
    seat.admitted = true;
    return seat;
  }

  setLocked(byUserId: string, locked: boolean): void {
    this.requireConsultant(byUserId);
    this.locked = locked;
  }

  /** The person left on purpose: their place stays admitted, but they are no longer here. */
  leave(userId: string): void {
    const seat = this.seat(userId);
    seat.socketId = null;
    seat.dropped = false;
  }

  /** A socket went away. Returns the seat it held, now marked as reconnecting, if it still held one. */
  drop(socketId: string): RoomSeat | undefined {
    const seat = this.bySocket(socketId);
    if (!seat) return undefined;
    seat.socketId = null;
    seat.dropped = true;
    return seat;
  }

  bySocket(socketId: string): RoomSeat | undefined {
    for (const seat of this.seats.values()) if (seat.socketId === socketId) return seat;
    return undefined;
  }

  seat(userId: string): RoomSeat {
    const seat = this.seats.get(userId);
    if (!seat) throw new AppError(ErrorCode.NotFound, 'No such participant.');
    return seat;
  }

  /** Seats with a live socket. */
  present(): RoomSeat[] {
    return [...this.seats.values()].filter((seat) => seat.socketId !== null);
  }

  /** Sockets in the call itself (admitted and here), who exchange media. */
  inCall(): RoomSeat[] {
    return this.present().filter((seat) => seat.admitted);
  }

  get isEmpty(): boolean {
    return this.present().length === 0;
  }

  participants(): ParticipantView[] {
    return [...this.seats.values()].map((seat) => ({
      userId: seat.userId,
      displayName: seat.displayName,
      role: seat.role,
      presence: presenceOf(seat),
    }));
  }
}

function presenceOf(seat: RoomSeat): PresenceState {
  if (seat.socketId === null) return seat.dropped ? 'reconnecting' : 'absent';
  return seat.admitted ? 'in_call' : 'waiting';
}
