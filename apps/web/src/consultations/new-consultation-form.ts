import { CONSULTATION_MAX_MINUTES, CONSULTATION_MIN_MINUTES, type CreateConsultationPayload } from '@vetmeet/contracts/client';
import type { FieldProblems } from '../api/api-error';
import { instantOfWallTime } from '../format/zoned-time';

/** The form as the consultant fills it in: strings throughout. */
export interface NewConsultationValues {
  ownerEmail: string;
  petName: string;
  /** 'now', or 'later' with startsAt as a wall-clock time in the consultant's zone. */
  when: 'now' | 'later';
  startsAt: string;
  durationMinutes: string;
  reason: string;
}

export const DURATION_CHOICES = [15, 20, 30, 45, 60, 90] as const;

export const emptyNewConsultation: NewConsultationValues = {
  ownerEmail: '',
  petName: '',
  when: 'now',
  startsAt: '',
  durationMinutes: '30',
  reason: '',
};

/** Limits of the API's CreateConsultationRequest, checked here first so the consultant hears sooner. */
const LIMITS = { ownerEmail: 254, petName: 80, reason: 500 } as const;
/** The server allows a minute for clocks that disagree; the form asks for a little more. */
const PAST_SLACK_MS = 60_000;

export function validateNewConsultation(values: NewConsultationValues, timeZone: string, now = Date.now()): FieldProblems {
  const problems: FieldProblems = {};
  const email = values.ownerEmail.trim();
  if (!email) problems.ownerEmail = "Enter the owner's email address.";
  else if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > LIMITS.ownerEmail) problems.ownerEmail = 'Enter an email address like name@example.com.';
  const petName = values.petName.trim();
  if (!petName) problems.petName = "Enter the pet's name, as the owner registered it.";
  else if (petName.length > LIMITS.petName) problems.petName = `The pet's name must be ${LIMITS.petName} characters or fewer.`;
  if (values.when === 'later') {
    const startsAt = instantOfWallTime(values.startsAt, timeZone);
    if (!startsAt) problems.startsAt = 'Enter the date and time the consultation starts.';
    else if (startsAt.getTime() < now - PAST_SLACK_MS) problems.startsAt = 'The start cannot be in the past.';
  }
  const minutes = Number(values.durationMinutes);
  if (!Number.isInteger(minutes) || minutes < CONSULTATION_MIN_MINUTES || minutes > CONSULTATION_MAX_MINUTES) {
    problems.durationMinutes = `Choose a length between ${CONSULTATION_MIN_MINUTES} and ${CONSULTATION_MAX_MINUTES} minutes.`;
  }
  if (values.reason.trim().length > LIMITS.reason) problems.reason = `The reason must be ${LIMITS.reason} characters or fewer.`;
  return problems;
}

/** Call only after validateNewConsultation found nothing. */
export function toCreateConsultationPayload(values: NewConsultationValues, timeZone: string): CreateConsultationPayload {
  const startsAt = values.when === 'later' ? instantOfWallTime(values.startsAt, timeZone)?.toISOString() : undefined;
  return {
    ownerEmail: values.ownerEmail.trim(),
    petName: values.petName.trim(),
    ...(startsAt ? { startsAt } : {}),
    durationMinutes: Number(values.durationMinutes),
    reason: values.reason.trim() || null,
  };
}

const serverFieldSentences: Record<string, string> = {
  ownerEmail: 'Enter an email address like name@example.com.',
  petName: `Enter the pet's name (up to ${LIMITS.petName} characters).`,
  startsAt: 'Enter a start that is now or later.',
  durationMinutes: `Choose a length between ${CONSULTATION_MIN_MINUTES} and ${CONSULTATION_MAX_MINUTES} minutes.`,
  reason: `The reason must be ${LIMITS.reason} characters or fewer.`,
};

/** A sentence for the server's VALIDATION_FAILED detail about one field. */
export function explainNewConsultationField(field: string): string | undefined {
  return serverFieldSentences[field];
}

