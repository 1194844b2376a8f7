import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import { type EntityManager, LessThan, MoreThan } from 'typeorm';
import type { BusyInterval, Slot, SlotQuery, UtcInterval } from '../availability/availability-rules';
import { computeSlots } from '../availability/slot-engine';
import { MS_PER_DAY, MS_PER_MINUTE } from '../availability/zoned-time';
import { AppError } from '../common/errors/app-error';
import { ConsultantProfile } from './consultant-profile.entity';
import { ConsultantTimeOff } from './consultant-time-off.entity';

/** What a booking of one consultation length costs and blocks, from our database (never from the client). */
export interface BookingTerms {
  consultantId: string;
  clinicId: string;
  timeZone: string;
  durationMinutes: number;
  /** Minor units. */
  priceAmount: number;
  /** ISO 4217, upper case. */
  priceCurrency: string;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  autoAccept: boolean;
}

/** The busy time and time off around a range, loaded once and reused for every length offered. */
export interface ConsultantCalendar {
  busy: BusyInterval[];
  timeOff: UtcInterval[];
}

// The daily limit counts a whole local day of the consultant, which can start a day before
// `from` in UTC terms (zones run from -12 to +14 hours); a day each side covers it.
const CALENDAR_MARGIN_MS = 2 * MS_PER_DAY;

/** A published consultant, under the caller's row-level security (anyone may read published ones). */
export function findPublishedProfile(manager: EntityManager, consultantId: string): Promise<ConsultantProfile | null> {
  return manager.findOneBy(ConsultantProfile, { consultantId, published: true });
}

export function offeredLengths(profile: ConsultantProfile): string {
  return profile.offerings.map((offering) => offering.durationMinutes).sort((a, b) => a - b).join(', ');
}

/**
 * A consultant's bookable time, for the directory, the slot picker and the booking module
 * (which calls bookingTerms and isBookable inside its own transaction, as the owner or the
 * consultant). Busy time comes from consultant_busy_intervals, which tells anyone when a
 * consultant is taken and nothing more, so an owner's transaction can ask.
 */
@Injectable()
export class ConsultantSchedules {
  /** The published consultant's terms for that length; NOT_FOUND if no published consultant, VALIDATION_FAILED if the length is not offered. */
  async bookingTerms(manager: EntityManager, consultantId: string, durationMinutes: number): Promise<BookingTerms> {
    const profile = await findPublishedProfile(manager, consultantId);
    if (!profile) throw new AppError(ErrorCode.NotFound, 'No such consultant.');
    const offering = profile.offerings.find((candidate) => candidate.durationMinutes === durationMinutes);
    if (!offering) {
      throw new AppError(ErrorCode.ValidationFailed, 'This consultant does not offer consultations of that length.', [
        `durationMinutes: must be one of ${offeredLengths(profile)}`,
      ]);
    }
    return {
      consultantId: profile.consultantId,
      clinicId: profile.clinicId,
      timeZone: profile.timeZone,
      durationMinutes,
      priceAmount: offering.priceAmount,
      priceCurrency: profile.priceCurrency,
      bufferBeforeMinutes: profile.bufferBeforeMinutes,
      bufferAfterMinutes: profile.bufferAfterMinutes,
      autoAccept: profile.autoAccept,
    };
  }

  /**
   * True when [startsAt, startsAt + duration) is one of the consultant's computed slots now
   * (rules, overrides, time off, notice, horizon, daily limit, other bookings and live holds
   * with buffers). exceptBookingId: ignore that booking (a reschedule).
   */
  async isBookable(manager: EntityManager, consultantId: string, startsAt: Date, durationMinutes: number, options: { exceptBookingId?: string } = {}): Promise<boolean> {
    const start = startsAt.getTime();
    if (Number.isNaN(start)) return false;
    const profile = await findPublishedProfile(manager, consultantId);
    if (!profile || !profile.offerings.some((offering) => offering.durationMinutes === durationMinutes)) return false;
    const to = new Date(start + 1);
    const calendar = await this.calendar(manager, profile, startsAt, to, options.exceptBookingId);
    return this.slots(profile, calendar, durationMinutes, startsAt, to, new Date()).some((slot) => slot.startsAt.getTime() === start);
  }

  /** Busy intervals and time off that can matter to slots starting in [from, to). */
  async calendar(manager: EntityManager, profile: ConsultantProfile, from: Date, to: Date, exceptBookingId?: string): Promise<ConsultantCalendar> {
    const margin = CALENDAR_MARGIN_MS + (profile.bufferBeforeMinutes + profile.bufferAfterMinutes) * MS_PER_MINUTE;
    const windowFrom = new Date(from.getTime() - margin);
    const windowTo = new Date(to.getTime() + margin + CONSULTATION_REACH_MS);
    const busyRows = await manager.query<{ starts_at: Date; ends_at: Date; is_hold: boolean }[]>(
      'SELECT starts_at, ends_at, is_hold FROM consultant_busy_intervals($1, $2, $3, $4)',
      [profile.consultantId, windowFrom, windowTo, exceptBookingId ?? null],
    );
    const timeOff = await manager.find(ConsultantTimeOff, {
      where: { consultantId: profile.consultantId, endsAt: MoreThan(windowFrom), startsAt: LessThan(windowTo) },
      order: { startsAt: 'ASC' },
    });
    return {
      busy: busyRows.map((row) => ({ startsAt: new Date(row.starts_at), endsAt: new Date(row.ends_at), kind: row.is_hold ? 'hold' : 'booking' })),
      timeOff: timeOff.map((interval) => ({ startsAt: interval.startsAt, endsAt: interval.endsAt })),
    };
  }

  /** The slots of one length starting in [from, to), in UTC, ascending. */
  slots(profile: ConsultantProfile, calendar: ConsultantCalendar, durationMinutes: number, from: Date, to: Date, now: Date): Slot[] {
    return computeSlots({ ...slotRulesOf(profile), consultationMinutes: durationMinutes, busy: calendar.busy, timeOff: calendar.timeOff, now, from, to });
  }
}

// A slot starting just before `to` runs up to the longest consultation past it.
const CONSULTATION_REACH_MS = 180 * MS_PER_MINUTE;

/** The profile's calendar rules as the slot engine takes them (without length, busy time, time off and range). */
export function slotRulesOf(profile: ConsultantProfile): Omit<SlotQuery, 'consultationMinutes' | 'busy' | 'timeOff' | 'now' | 'from' | 'to'> {
  return {
    timeZone: profile.timeZone,
    weeklyRules: profile.weeklyRules,
    dateOverrides: profile.dateOverrides,
    stepMinutes: profile.stepMinutes ?? undefined,
    bufferBeforeMinutes: profile.bufferBeforeMinutes,
    bufferAfterMinutes: profile.bufferAfterMinutes,
    minimumNoticeMinutes: profile.minimumNoticeMinutes,
    horizonDays: profile.horizonDays,
    dailyLimit: profile.dailyLimit ?? undefined,
  };
}
