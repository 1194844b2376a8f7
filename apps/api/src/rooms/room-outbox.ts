import type { RoomClientToServerEvents, RoomServerToClientEvents } from '@vetmeet/contracts';
import type { Namespace, Socket } from 'socket.io';
import type { Actor } from '../auth/actor';

export interface RoomSocketData {
  actor: Actor;
  /** The consultation this socket joined, once it has. */
  consultationId?: string;
}

export type RoomSocket = Socket<RoomClientToServerEvents, RoomServerToClientEvents, Record<string, never>, RoomSocketData>;
export type RoomNamespace = Namespace<RoomClientToServerEvents, RoomServerToClientEvents, Record<string, never>, RoomSocketData>;

type Notice = keyof RoomServerToClientEvents;
type NoticeArgs<E extends Notice> = Parameters<RoomServerToClientEvents[E]>;

/**
 * How a room talks to its people: to one socket, or to everyone in the room's socket.io
 * channel (optionally but one). Rooms never hold sockets, only their ids, so a socket that
 * is gone is simply not reached.
 */
export class RoomOutbox {
  constructor(
    private readonly namespace: RoomNamespace,
    readonly channel: string,
  ) {}

  toSocket<E extends Notice>(socketId: string | null, event: E, ...args: NoticeArgs<E>): void {
    if (socketId) this.namespace.to(socketId).emit(event, ...args);
  }

  toAll<E extends Notice>(event: E, ...args: NoticeArgs<E>): void {
    this.namespace.to(this.channel).emit(event, ...args);
  }

  toOthers<E extends Notice>(exceptSocketId: string | null, event: E, ...args: NoticeArgs<E>): void {
    const target = this.namespace.to(this.channel);
    (exceptSocketId ? target.except(exceptSocketId) : target).emit(event, ...args);
  }

  /** Takes a socket out of the room's channel (it left, was replaced, or the room closed). */
  remove(socketId: string): void {
    this.namespace.in(socketId).socketsLeave(this.channel);
  }

  removeAll(): void {
    this.namespace.in(this.channel).socketsLeave(this.channel);
  }
}
