import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { RoomClosedReason } from '@vetmeet/contracts';
import { AppConfig } from '../config/app-config';
import type { RoomTicket } from '../consultations/consultation-room-access';
import { MediaWorkerPool } from '../media/media-worker-pool';
import { MetricsService } from '../metrics/metrics.service';
import { RecordingPorts } from '../recordings/capture/recording-ports';
import { ConsultationRoom } from './consultation-room';
import type { RoomNamespace } from './room-outbox';

/**
 * The consultation rooms open in this process, by consultation id. Opening is synchronous
 * (the router is made inside the room, behind one promise), so two people arriving at
 * once always meet in the same room. Several nodes would keep this directory in Redis and
 * send each consultation to the node that hosts it.
 */
@Injectable()
export class RoomDirectory implements OnApplicationShutdown {
  private readonly rooms = new Map<string, ConsultationRoom>();
  private namespace: RoomNamespace | undefined;

  constructor(
    private readonly pool: MediaWorkerPool,
    @Inject(AppConfig) private readonly config: AppConfig,
    metrics: MetricsService,
    private readonly recordingPorts: RecordingPorts,
  ) {
    metrics.onCollect(async () => metrics.consultationRooms.set(this.rooms.size));
    // A withdrawal cuts the room's recording synchronously, before anything else runs.
    recordingPorts.withdrawals.on('withdrawn', (consultationId, userId) => this.rooms.get(consultationId)?.recording.withdrawn(userId));
  }

  /** The gateway hands over its namespace once socket.io is up. */
  attach(namespace: RoomNamespace): void {
    this.namespace = namespace;
  }

  open(ticket: RoomTicket): ConsultationRoom {
    const existing = this.rooms.get(ticket.consultationId);
    if (existing) return existing;
    if (!this.namespace) throw new Error('RoomDirectory used before the room gateway started');
    const emptyGraceMs = this.config.ROOM_EMPTY_GRACE_SECONDS * 1000;
    const room = new ConsultationRoom(ticket.consultationId, ticket, this.pool, this.namespace, emptyGraceMs, this.recordingPorts);
    room.events.once('closed', () => {
      if (this.rooms.get(ticket.consultationId) === room) this.rooms.delete(ticket.consultationId);
    });
    this.rooms.set(ticket.consultationId, room);
    return room;
  }

  get(consultationId: string | undefined): ConsultationRoom | undefined {
    return consultationId ? this.rooms.get(consultationId) : undefined;
  }

  close(consultationId: string, reason: RoomClosedReason): void {
    this.rooms.get(consultationId)?.close(reason);
  }

  onApplicationShutdown(): void {
    for (const room of [...this.rooms.values()]) room.close();
  }
}
