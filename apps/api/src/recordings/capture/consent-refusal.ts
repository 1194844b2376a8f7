import { ErrorCode } from '@vetmeet/contracts';
import { AppError } from '../../common/errors/app-error';

export interface CallMember {
  userId: string;
  role: 'owner' | 'consultant';
}

const ROLE_NAMES: Record<CallMember['role'], string> = { owner: 'the pet owner', consultant: 'the vet' };

/** Who has not consented, by role (never by name): "the pet owner has not consented to recording". */
export function missingConsentSentence(missing: CallMember[]): string {
  const names = [...new Set(missing.map((member) => ROLE_NAMES[member.role]))];
  return `${names.join(' and ')} ${names.length > 1 ? 'have' : 'has'} not consented to recording`;
}

/** CONSENT_MISSING naming the roles (never the people) whose recording consent does not stand. */
export function consentMissing(missing: CallMember[]): AppError {
  return new AppError(ErrorCode.ConsentMissing, `Recording needs everyone's consent: ${missingConsentSentence(missing)}.`);
}
