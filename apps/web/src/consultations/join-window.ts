import type { ConsultationView } from '@vetmeet/contracts/client';
import { isFinished } from './consultation-status';

/**
 * Whether the room can be joined at a moment: before its window, inside it, after it, or
 * never again (the consultation ended or was cancelled). The server checks the same window
 * (JOIN_WINDOW_CLOSED); the page only saves a pointless click.
 */
export type JoinWindowState = 'not-yet' | 'open' | 'closed' | 'finished';

/** What the window needs of a consultation (a booking's view carries the same times). */
export type JoinTimes = Pick<ConsultationView, 'status' | 'joinOpensAt' | 'joinClosesAt'>;

export function joinWindowState(consultation: JoinTimes, now: number): JoinWindowState {
  if (isFinished(consultation.status)) return 'finished';
  if (now < Date.parse(consultation.joinOpensAt)) return 'not-yet';
  if (now >= Date.parse(consultation.joinClosesAt)) return 'closed';
  return 'open';
}

/** The next moment at which the state changes, for a timer that re-renders the page then; null when it never will. */
export function nextJoinWindowChange(consultation: JoinTimes, now: number): number | null {
  const state = joinWindowState(consultation, now);
  if (state === 'not-yet') return Date.parse(consultation.joinOpensAt);
  if (state === 'open') return Date.parse(consultation.joinClosesAt);
  return null;
}
