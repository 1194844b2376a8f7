/*
 * A consultation room's recording, as everyone in the room sees it. The consultant starts,
 * stops and resumes it (recording:start, recording:stop, recording:resume); everyone gets
 * recording:state after each change, and the join's arrival carries the current state.
 */

export type RoomRecordingStatus = 'off' | 'recording' | 'paused' | 'stopped';

/**
 * Why the state last changed. started, resumed, stopped: the consultant's choice.
 * consent_withdrawn: someone withdrew their recording consent (stopped for everyone).
 * joined_without_consent: someone came into the call without a standing consent (paused).
 * room_closed: the room closed while recording (stopped).
 */
export type RecordingStateReason =
  | 'started'
  | 'resumed'
  | 'stopped'
  | 'consent_withdrawn'
  | 'joined_without_consent'
  | 'room_closed';

export interface RecordingStateView {
  status: RoomRecordingStatus;
  reason: RecordingStateReason | null;
  /** When the state last changed (ISO 8601), null while recording was never started. */
  since: string | null;
}

/** For the consultant's Start (or Resume) button: whether everyone in the call has a standing consent now. */
export interface RecordingReadinessView {
  ready: boolean;
  /** Why not, naming roles and never people (e.g. "the pet owner has not consented to recording"). */
  missing: string | null;
}
