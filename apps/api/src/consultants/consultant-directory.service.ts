import { Inject, Injectable } from '@nestjs/common';
import {
  CONSULTANT_DIRECTORY_DEFAULT_LIMIT,
  CONSULTANT_SLOTS_MAX_RANGE_DAYS,
  ErrorCode,
  parseTimestamp,
  type ClinicDirectoryView,
  type ConsultantDirectoryPage,
  type ConsultantDirectoryQueryPayload,
  type ConsultantPublicView,
  type ConsultantSlotsQueryPayload,
  type ConsultantSlotsView,
  type ConsultantSummaryView,
} from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import { formatSlotForViewer } from '../availability/format-slot';
import { MS_PER_DAY, dayOfIsoDate, isValidTimeZone, wallToUtc } from '../availability/zoned-time';
import { toClinicDirectoryView } from '../clinic-profiles/clinic-profile-views';
import { AppError } from '../common/errors/app-error';
import { ClinicChargeReadiness } from '../payouts/clinic-charge-readiness';
import { AppConfig } from '../config/app-config';
import { DatabaseContext } from '../database/database-context';
import { ConsultantProfile } from './consultant-profile.entity';
import { ConsultantSchedules, offeredLengths } from './consultant-schedules';
import { toPublicView, toSummaryView } from './consultant-views';
import { decodeCursor, encodeCursor, type DirectoryPosition } from './directory-cursor';

/** Consultants read from the database per round while a date filter looks for free ones. */
const SCAN_BATCH = 50;
/** Bounds one request's slot computations; the cursor carries on from where it stopped. */
const MAX_SCANNED_WITH_DATE = 400;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const notFound = () => new AppError(ErrorCode.NotFound, 'No such consultant.');

/**
 * The public side: the directory of published consultants, one consultant's profile and
 * their free slots in the viewer's zone. Nobody need be signed in, so it all runs as
 * nobody: row-level security shows only published profiles (and their clinics' names).
 */
@Injectable()
export class ConsultantDirectoryService {
  constructor(
    private readonly db: DatabaseContext,
    private readonly schedules: ConsultantSchedules,
    private readonly readiness: ClinicChargeReadiness,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  directory(query: ConsultantDirectoryQueryPayload): Promise<ConsultantDirectoryPage> {
    const limit = query.limit ?? CONSULTANT_DIRECTORY_DEFAULT_LIMIT;
    const day = query.date === undefined ? undefined : viewerDay(query.date, query.timeZone);
    let position = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    return this.db.runAs(null, async (manager) => {
      if (!day) {
        const rows = await this.candidates(manager, query, position, limit + 1);
        const items = rows.slice(0, limit);
        const nextCursor = rows.length > limit ? encodeCursor(positionOf(items[items.length - 1])) : null;
        return { items: await this.summaries(manager, items), nextCursor };
      }
      // A free slot that day decides; found in batches so a rare filter does not compute every consultant's calendar.
      const items: ConsultantProfile[] = [];
      let scanned = 0;
      for (;;) {
        const batch = await this.candidates(manager, query, position, SCAN_BATCH);
        for (const profile of batch) {
          scanned += 1;
          position = positionOf(profile);
          if (await this.hasSlotIn(manager, profile, day.from, day.to)) {
            if (items.length === limit) {
              const nextCursor = encodeCursor(positionOf(items[items.length - 1]));
              return { items: await this.summaries(manager, items), nextCursor };
            }
            items.push(profile);
          }
          if (scanned >= MAX_SCANNED_WITH_DATE) {
            return { items: await this.summaries(manager, items), nextCursor: encodeCursor(position) };
          }
        }
        if (batch.length < SCAN_BATCH) return { items: await this.summaries(manager, items), nextCursor: null };
      }
    });
  }

  profile(consultantId: string): Promise<ConsultantPublicView> {
    return this.db.runAs(null, async (manager) => {
      const profile = await this.published(manager, consultantId);
      const takesCharges = (await this.readiness.takingCharges(manager, [profile.clinicId])).has(profile.clinicId);
      const policy = {
        fullRefundNoticeHours: this.config.BOOKING_FULL_REFUND_NOTICE_HOURS,
        holdMinutes: this.config.BOOKING_HOLD_MINUTES,
      };
      return toPublicView(profile, clinicOf(profile), policy, takesCharges);
    });
  }

  /**
   * Free slots of one length in [from, to), formatted for the viewer's zone. exceptBookingId: that
   * booking's time counts as free (a reschedule; the caller has checked the asker takes part in it).
   */
  slots(consultantId: string, query: ConsultantSlotsQueryPayload, options: { exceptBookingId?: string } = {}): Promise<ConsultantSlotsView> {
    const { from, to } = slotRange(query);
    return this.db.runAs(null, async (manager) => {
      const profile = await this.published(manager, consultantId);
      const offering = profile.offerings.find((candidate) => candidate.durationMinutes === query.durationMinutes);
      if (!offering) {
        throw new AppError(ErrorCode.ValidationFailed, 'This consultant does not offer consultations of that length.', [
          `durationMinutes: must be one of ${offeredLengths(profile)}`,
        ]);
      }
      const calendar = await this.schedules.calendar(manager, profile, from, to, options.exceptBookingId);
      const slots = this.schedules.slots(profile, calendar, query.durationMinutes, from, to, new Date());
      return {
        consultantId: profile.consultantId,
        durationMinutes: query.durationMinutes,
        priceAmount: offering.priceAmount,
        priceCurrency: profile.priceCurrency,
        timeZone: query.timeZone,
        consultantTimeZone: profile.timeZone,
        slots: slots.map((slot) => ({ startsAt: slot.startsAt.toISOString(), endsAt: slot.endsAt.toISOString(), ...withoutZone(formatSlotForViewer(slot, query.timeZone)) })),
      };
    });
  }

  /** Directory entries, each saying whether its clinic takes card payments yet (one query for the page). */
  private async summaries(manager: EntityManager, profiles: ConsultantProfile[]): Promise<ConsultantSummaryView[]> {
    const clinicIds = [...new Set(profiles.map((profile) => profile.clinicId))];
    const takingCharges = await this.readiness.takingCharges(manager, clinicIds);
    return profiles.map((profile) => toSummaryView(profile, clinicOf(profile), takingCharges.has(profile.clinicId)));
  }

  private async published(manager: EntityManager, consultantId: string): Promise<ConsultantProfile> {
    const profile = await manager.findOne(ConsultantProfile, { where: { consultantId, published: true }, relations: { clinic: true } });
    if (!profile) throw notFound();
    return profile;
  }

  /** Published consultants matching the filters, after `position` in (display name, id) order. */
  private candidates(manager: EntityManager, query: ConsultantDirectoryQueryPayload, position: DirectoryPosition | undefined, take: number): Promise<ConsultantProfile[]> {
    const builder = manager
      .createQueryBuilder(ConsultantProfile, 'p')
      .innerJoinAndSelect('p.clinic', 'c')
      .where('p.published')
      .orderBy('p.displayName', 'ASC')
      .addOrderBy('p.consultantId', 'ASC')
      // Each profile joins one clinic, so a plain LIMIT counts profiles.
      .limit(take);
    if (query.species) builder.andWhere(':species = ANY(p.species)', { species: query.species });
    if (query.specialty) builder.andWhere(':specialty = ANY(p.specialties)', { specialty: query.specialty });
    // 'en' also finds 'en-GB': a viewer asks for a language, not a regional variant.
    if (query.language) {
      builder.andWhere(`EXISTS (SELECT 1 FROM unnest(p.languages) AS tag WHERE lower(tag) = lower(:language) OR lower(tag) LIKE lower(:language) || '-%')`, { language: query.language });
    }
    if (position) builder.andWhere('(p.display_name, p.consultant_id) > (:afterName, :afterId)', { afterName: position.displayName, afterId: position.consultantId });
    return builder.getMany();
  }

  private async hasSlotIn(manager: EntityManager, profile: ConsultantProfile, from: Date, to: Date): Promise<boolean> {
    if (profile.offerings.length === 0) return false;
    const calendar = await this.schedules.calendar(manager, profile, from, to);
    const now = new Date();
    // Lengths have their own grids (a 30-minute slot can exist where no 20-minute one starts), so each is asked.
    return profile.offerings.some((offering) => this.schedules.slots(profile, calendar, offering.durationMinutes, from, to, now).length > 0);
  }
}

/** The clinic as its admins chose to show it; profiles are always read with their clinic. */
function clinicOf(profile: ConsultantProfile): ClinicDirectoryView {
  if (!profile.clinic) throw new Error('a consultant profile was read without its clinic');
  return toClinicDirectoryView(profile.clinic);
}

function positionOf(profile: ConsultantProfile): DirectoryPosition {
  return { displayName: profile.displayName, consultantId: profile.consultantId };
}

function withoutZone<T extends { timeZone: string }>(value: T): Omit<T, 'timeZone'> {
  const { timeZone: _timeZone, ...rest } = value;
  return rest;
}

/** The viewer's local date as a UTC range. */
function viewerDay(date: string, timeZone: string | undefined): { from: Date; to: Date } {
  const problems: string[] = [];
  const day = dayOfIsoDate(date);
  if (day === undefined) problems.push('date: must be a real date, YYYY-MM-DD');
  if (timeZone === undefined) problems.push('timeZone: is required with date');
  else if (!isValidTimeZone(timeZone)) problems.push('timeZone: must be an IANA time zone');
  if (problems.length > 0 || day === undefined || timeZone === undefined) throw new AppError(ErrorCode.ValidationFailed, 'The date filter is not valid.', problems);
  return { from: new Date(wallToUtc(day * MS_PER_DAY, timeZone)), to: new Date(wallToUtc((day + 1) * MS_PER_DAY, timeZone)) };
}

/** from and to as instants; a date alone means its midnight in the viewer's zone. */
function slotRange(query: ConsultantSlotsQueryPayload): { from: Date; to: Date } {
  const problems: string[] = [];
  const zoneOk = isValidTimeZone(query.timeZone);
  if (!zoneOk) problems.push('timeZone: must be an IANA time zone');
  const instant = (field: 'from' | 'to'): number | undefined => {
    const value = query[field];
    if (ISO_DATE.test(value)) {
      const day = dayOfIsoDate(value);
      if (day === undefined) problems.push(`${field}: must be a real date`);
      return day === undefined || !zoneOk ? undefined : wallToUtc(day * MS_PER_DAY, query.timeZone);
    }
    // The same instants every other field takes: 30 February or 24:00 are refused, not rolled over.
    const parsed = parseTimestamp(value)?.getTime();
    if (parsed === undefined) problems.push(`${field}: must be an ISO 8601 instant or a date YYYY-MM-DD`);
    return parsed;
  };
  const from = instant('from');
  const to = instant('to');
  if (from !== undefined && to !== undefined) {
    if (to <= from) problems.push('to: must be after from');
    else if (to - from > CONSULTANT_SLOTS_MAX_RANGE_DAYS * MS_PER_DAY) problems.push(`to: at most ${CONSULTANT_SLOTS_MAX_RANGE_DAYS} days after from`);
  }
  if (problems.length > 0 || from === undefined || to === undefined) throw new AppError(ErrorCode.ValidationFailed, 'The slot query is not valid.', problems);
  return { from: new Date(from), to: new Date(to) };
}
