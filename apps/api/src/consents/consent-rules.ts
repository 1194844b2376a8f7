import {
  ErrorCode,
  type ConsentState,
  type ConsentsView,
  type ConsultationRoleValue,
  type ConsultationStatusValue,
} from '@vetmeet/contracts';
import type { ConsentPurpose } from './consent-purpose';
import type { ConsentStanding } from './consents.repository';

/** A consultation nobody will hold: cancelled, or an invitation not (or never) accepted. */
const NO_CONSENT_STATUSES: readonly ConsultationStatusValue[] = ['cancelled', 'invited', 'declined', 'expired'];

export type ConsentDecision =
  | { kind: 'append' }
  | { kind: 'unchanged' }
  | { kind: 'refused'; code: ErrorCode.Forbidden | ErrorCode.ConsultationState; message: string };

export interface ConsentChange {
  role: ConsultationRoleValue;
  status: ConsultationStatusValue;
  purpose: ConsentPurpose;
  /** The person's standing answer now (false when they never answered). */
  standing: boolean;
  granted: boolean;
}

/**
 * Whether an answer is appended: support review is the owner's to give (the recording shows
 * their pet and their home); nothing is asked for a consultation that will not take place; an
 * answer equal to the standing one appends nothing (a repeated PUT is no new consent).
 */
export function decideConsentChange(change: ConsentChange): ConsentDecision {
  if (change.purpose === 'support_review' && change.role !== 'owner') {
    return { kind: 'refused', code: ErrorCode.Forbidden, message: "Support review is the owner's consent to give." };
  }
  if (NO_CONSENT_STATUSES.includes(change.status)) {
    const stage = change.status === 'invited' ? 'an invitation not accepted yet' : `${change.status}`;
    const message = `This consultation is ${stage}: there is nothing to consent to.`;
    return { kind: 'refused', code: ErrorCode.ConsultationState, message };
  }
  return change.standing === change.granted ? { kind: 'unchanged' } : { kind: 'append' };
}

const NOT_ANSWERED: ConsentState = { granted: false, recordedAt: null, policyVersion: null };

const stateOf = (standing: ConsentStanding | undefined): ConsentState =>
  standing
    ? {
        granted: standing.granted,
        recordedAt: standing.recordedAt.toISOString(),
        policyVersion: standing.policyVersion,
      }
    : NOT_ANSWERED;

export interface ConsentParticipants {
  role: ConsultationRoleValue;
  owner: { userId: string };
  consultant: { userId: string };
}

/** What a participant sees: their own answers in full, and only whether the other agreed to recording. */
export function consentsViewOf(
  userId: string,
  participants: ConsentParticipants,
  standings: ConsentStanding[],
  policyVersion: string,
): ConsentsView {
  const find = (who: string, purpose: ConsentPurpose) =>
    standings.find((row) => row.userId === who && row.purpose === purpose);
  const others = (['owner', 'consultant'] as const)
    .map((role) => ({ role, userId: participants[role].userId }))
    .filter((other) => other.userId !== userId)
    .map((other) => ({ ...other, recording: find(other.userId, 'recording')?.granted === true }));
  return {
    policyVersion,
    role: participants.role,
    mine: { recording: stateOf(find(userId, 'recording')), supportReview: stateOf(find(userId, 'support_review')) },
    others,
  };
}
