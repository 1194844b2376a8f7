import { Injectable } from '@nestjs/common';
import type { RecordingReadinessView, RecordingStateView } from '@vetmeet/contracts';
import type { RoomSocket } from './room-outbox';
import { RoomSignalingService } from './room-signaling.service';

/**
 * The consultant's recording buttons. Only the consultant in the call may use them
 * (NOT_FOUND before joining, FORBIDDEN for the owner); the room's recording decides the rest
 * (CONSENT_MISSING, RECORDING_STATE, RECORDING_UNAVAILABLE).
 */
@Injectable()
export class RoomRecordingControls {
  constructor(private readonly signaling: RoomSignalingService) {}

  start(socket: RoomSocket): Promise<RecordingStateView> {
    const { room, userId } = this.consultantOf(socket);
    return room.recording.start(userId);
  }

  stop(socket: RoomSocket): Promise<RecordingStateView> {
    return this.consultantOf(socket).room.recording.stop();
  }

  resume(socket: RoomSocket): Promise<RecordingStateView> {
    return this.consultantOf(socket).room.recording.resume();
  }

  readiness(socket: RoomSocket): Promise<RecordingReadinessView> {
    return this.consultantOf(socket).room.recording.readiness();
  }

  private consultantOf(socket: RoomSocket) {
    const room = this.signaling.roomOf(socket);
    const { userId } = room.requireConsultant(socket.id);
    return { room, userId };
  }
}
