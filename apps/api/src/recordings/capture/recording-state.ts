import type { RecordingStateReason, RecordingStateView, RoomRecordingStatus } from '@vetmeet/contracts';

/** The recording's status with why and when it last changed, as everyone in the room is told. */
export class RecordingState {
  private current: RecordingStateView = { status: 'off', reason: null, since: null };

  get status(): RoomRecordingStatus {
    return this.current.status;
  }

  /** Recording or paused: a recording exists and is not over. */
  get active(): boolean {
    return this.current.status === 'recording' || this.current.status === 'paused';
  }

  set(status: RoomRecordingStatus, reason: RecordingStateReason): RecordingStateView {
    this.current = { status, reason, since: new Date().toISOString() };
    return this.view();
  }

  view(): RecordingStateView {
    return { ...this.current };
  }
}
