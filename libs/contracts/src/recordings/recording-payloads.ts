/** What the recordings API answers; browser-safe (no decorators). */

export type RecordingStatus = 'recording' | 'paused' | 'stopped' | 'interrupted';
export type RecordingSegmentOutcome = 'recording' | 'completed' | 'interrupted' | 'cut';

/** The shortest and longest reason a support person gives for opening a review. */
export const REVIEW_REASON_MIN_LENGTH = 10;
export const REVIEW_REASON_MAX_LENGTH = 500;

export interface OpenReviewPayload {
  /** Why the recording is reviewed, in a sentence: kept with the grant and every read it allows. */
  reason: string;
}

/** One track of one stretch of the call: a file that plays on its own, placed on the recording's timeline. */
export interface RecordingSegmentView {
  id: string;
  userId: string;
  /** Whose track: the consultation's owner or its consultant. */
  role: 'owner' | 'consultant';
  kind: 'audio' | 'video';
  source: 'camera' | 'microphone' | 'screen';
  codec: string;
  mimeType: string;
  /** Milliseconds from the recording's start to this segment's first frame. */
  offsetMs: number;
  /** Null while it is still being recorded. */
  durationMs: number | null;
  outcome: RecordingSegmentOutcome;
  /** Its media can be played (finalized); one still recording or lost cannot. */
  playable: boolean;
}

export interface RecordingView {
  id: string;
  consultationId: string;
  status: RecordingStatus;
  startedAt: string;
  stoppedAt: string | null;
  retentionUntil: string;
  sizeBytes: number;
  segments: RecordingSegmentView[];
}

/** What a clinic admin sees of a recording: that it exists, its size and dates, never its media. */
export interface ClinicRecordingSummaryView {
  id: string;
  consultationId: string;
  status: RecordingStatus;
  sizeBytes: number;
  startedAt: string;
  stoppedAt: string | null;
  retentionUntil: string;
}

/** A recording support staff may review (its owner's support_review consent stands), and their own grant on it. */
export interface ReviewableRecordingView {
  id: string;
  consultationStartsAt: string;
  status: RecordingStatus;
  sizeBytes: number;
  startedAt: string;
  stoppedAt: string | null;
  /** Until when the asker's own review grant runs; null without an active one. */
  grantExpiresAt: string | null;
}

export interface ReviewGrantView {
  id: string;
  recordingId: string;
  grantedAt: string;
  expiresAt: string;
}
