import { ErrorCode } from '@vetmeet/contracts';
import { AppError } from '../../common/errors/app-error';

export interface CallMember {
  userId: string;
  role: 'owner' | 'consultant';
}

const ROLE_NAMES: Record<CallMember['role'], string> = { owner: 'the pet owner', consultant: 'the vet' };

/** CONSENT_MISSING naming the roles (never the people) whose recording consent does not stand. */
export function consentMissing(missing: CallMember[]): AppError {
  const names = [...new Set(missing.map((member) => ROLE_NAMES[member.role]))];
  const who = names.join(' and ');
  const verb = names.length > 1 ? 'have' : 'has';
  return new AppError(ErrorCode.ConsentMissing, `Recording needs everyone's consent: ${who} ${verb} not consented to recording.`);
}
