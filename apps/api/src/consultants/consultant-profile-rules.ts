import {
  chargeAmountProblem,
  ErrorCode,
  type ConsultantAvailabilityPayload,
  type ConsultantProfilePayload,
} from '@vetmeet/contracts';
import type { DateOverride, WeeklyRule } from '../availability/availability-rules';
import { validateSlotQuery } from '../availability/validate-slot-query';
import { isValidTimeZone } from '../availability/zoned-time';
import { AppError } from '../common/errors/app-error';
import type { ConsultantProfile } from './consultant-profile.entity';

/** The profile's columns as a consultant sends them (published apart: it has its own rule). */
export function profileFields(request: ConsultantProfilePayload) {
  return {
    displayName: request.displayName.trim(),
    specialties: request.specialties,
    species: request.species,
    languages: request.languages,
    bio: request.bio,
    timeZone: request.timeZone,
    priceCurrency: request.priceCurrency,
    offerings: request.offerings.map(({ durationMinutes, priceAmount }) => ({ durationMinutes, priceAmount })),
    autoAccept: request.autoAccept,
  };
}

/** What class-validator cannot say: a real zone, each length offered once, prices Stripe can charge in the currency. */
export function profileProblems(request: ConsultantProfilePayload): string[] {
  const problems: string[] = [];
  if (!isValidTimeZone(request.timeZone)) problems.push('timeZone: must be an IANA time zone');
  const lengths = request.offerings.map((offering) => offering.durationMinutes);
  if (new Set(lengths).size !== lengths.length) problems.push('offerings: each consultation length at most once');
  request.offerings.forEach(({ priceAmount }, index) => {
    const problem = priceAmount === 0 ? null : chargeAmountProblem(priceAmount, request.priceCurrency);
    if (problem) problems.push(`offerings.${index}.priceAmount: ${problem} (or 0 for free)`);
  });
  return problems;
}

export type AvailabilityFields = Pick<
  ConsultantProfile,
  'weeklyRules' | 'dateOverrides' | 'bufferBeforeMinutes' | 'bufferAfterMinutes' | 'minimumNoticeMinutes' | 'horizonDays' | 'dailyLimit' | 'stepMinutes'
>;

/**
 * The availability's columns, checked by the slot engine's own validation in the zone they will
 * be read in; throws its ValidationFailed (every problem, `field: reason`).
 */
export function availabilityFields(request: ConsultantAvailabilityPayload, timeZone: string): AvailabilityFields {
  const weeklyRules = request.weeklyRules.map(({ weekday, start, end }): WeeklyRule => ({ weekday, start, end }));
  const dateOverrides = request.dateOverrides.map(({ date, closed, intervals }): DateOverride => ({
    date,
    ...(closed === undefined ? {} : { closed }),
    ...(intervals === undefined ? {} : { intervals: intervals.map(({ start, end }) => ({ start, end })) }),
  }));
  const now = new Date();
  validateSlotQuery({
    timeZone,
    weeklyRules,
    dateOverrides,
    consultationMinutes: 30,
    stepMinutes: request.stepMinutes ?? undefined,
    bufferBeforeMinutes: request.bufferBeforeMinutes,
    bufferAfterMinutes: request.bufferAfterMinutes,
    minimumNoticeMinutes: request.minimumNoticeMinutes,
    horizonDays: request.horizonDays,
    dailyLimit: request.dailyLimit ?? undefined,
    now,
    from: now,
    to: new Date(now.getTime() + 60_000),
  });
  return {
    weeklyRules,
    dateOverrides,
    bufferBeforeMinutes: request.bufferBeforeMinutes,
    bufferAfterMinutes: request.bufferAfterMinutes,
    minimumNoticeMinutes: request.minimumNoticeMinutes,
    horizonDays: request.horizonDays,
    dailyLimit: request.dailyLimit ?? null,
    stepMinutes: request.stepMinutes ?? null,
  };
}

export const invalidProfile = (problems: string[]) => new AppError(ErrorCode.ValidationFailed, 'The profile is not valid.', problems);
