import type { ConsultationStatusValue } from '@vetmeet/contracts';

/** The statuses the room moves a consultation through. */
export type RoomDrivenStatus = 'waiting' | 'in_progress' | 'ended';

/** Nothing more happens in a consultation with one of these: its room cannot be joined. */
export const CLOSED_STATUSES: readonly ConsultationStatusValue[] = ['ended', 'cancelled', 'no_show', 'declined', 'expired'];

export const isClosed = (status: ConsultationStatusValue) => CLOSED_STATUSES.includes(status);

/** Cancelling is for consultations that have not started: one in progress is ended instead. */
export const isCancellable = (status: ConsultationStatusValue) => status === 'scheduled' || status === 'waiting';

const ALLOWED_FROM: Record<RoomDrivenStatus, readonly ConsultationStatusValue[]> = {
  // The owner arrived in the waiting room.
  waiting: ['scheduled'],
  // The consultant admitted the owner (again, after a reconnection, is the same status).
  in_progress: ['scheduled', 'waiting'],
  // The consultant ended it, whether or not the owner ever came in.
  ended: ['scheduled', 'waiting', 'in_progress'],
};

/** What asking for `to` does to a consultation in `from`: change it, nothing (already there), or refuse. */
export function roomTransition(from: ConsultationStatusValue, to: RoomDrivenStatus): 'apply' | 'same' | 'illegal' {
  if (from === to) return 'same';
  return ALLOWED_FROM[to].includes(from) ? 'apply' : 'illegal';
}
