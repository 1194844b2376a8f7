import { ErrorCode } from '@vetmeet/contracts/client';
import { sentenceFor } from '../api/error-messages';
import type { CallEndReason, CallErrorView } from './call-state';

/** Why the room would not let the person in, in words about the room; other codes keep their usual sentence. */
const joinSentences: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.JoinWindowClosed]: 'The room is not open now. It opens a little before the consultation starts and closes a little after it ends.',
  [ErrorCode.RoomLocked]: 'The vet has locked the room, so nobody new can join. Ask them to unlock it.',
  [ErrorCode.ConsultationClosed]: 'This consultation has ended or was cancelled, so its room is closed.',
  [ErrorCode.NotFound]: 'There is no consultation of yours at this address.',
  [ErrorCode.ValidationFailed]: 'There is no consultation of yours at this address.',
  [ErrorCode.NotAdmitted]: 'The vet has not let you in yet.',
  [ErrorCode.Unauthenticated]: 'You are signed out. Sign in again to join the room.',
  [ErrorCode.MediaUnavailable]: 'The video service is not available right now. Try again in a minute.',
  [ErrorCode.ServiceUnavailable]: 'The room could not be reached. Check your connection and try again.',
};

export function explainRoomError(error: CallErrorView): string {
  const code = error.code as ErrorCode;
  return joinSentences[code] ?? sentenceFor(code) ?? error.message;
}

export const endSentences: Record<CallEndReason, string> = {
  left: 'You left the call.',
  ended: 'The consultation has ended.',
  window_closed: "The room's time is over, so it has closed.",
  joined_elsewhere: 'You joined this consultation in another tab or on another device, so the call moved there.',
  cancelled: 'The consultation was cancelled.',
};

/** "12 min 5 s", "45 s": how long the call lasted. */
export function formatCallDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1_000));
  const hours = Math.floor(seconds / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min ${rest} s`;
  return `${rest} s`;
}
