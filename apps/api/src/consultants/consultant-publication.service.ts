import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, type ConsultantPublicationPayload, type ConsultantPublicationView } from '@vetmeet/contracts';
import { MoreThan, type EntityManager } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import { Permission } from '../access/permission';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { toClinicPreviewView } from '../clinic-profiles/clinic-profile-views';
import { ClinicProfilesRepository } from '../clinic-profiles/clinic-profiles.repository';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { DatabaseContext } from '../database/database-context';
import { ConsultantProfile } from './consultant-profile.entity';
import {
  availabilityFields,
  invalidProfile,
  profileFields,
  profileProblems,
  type AvailabilityFields,
} from './consultant-profile-rules';
import { ConsultantTimeOff } from './consultant-time-off.entity';
import { isComplete, toAvailabilityView, toOwnProfileView } from './consultant-views';

const noClinic = () => new AppError(ErrorCode.NotFound, 'No such clinic.');
const OTHER_CLINIC = 'Your consultant profile belongs to another clinic: act in that clinic to change it.';

/**
 * A consultant's profile, hours and Published together, in one transaction: everything is
 * checked before anything is written, and a refusal leaves the stored profile as it was.
 * Access first (the consultant role in the clinic), then it runs as the consultant.
 */
@Injectable()
export class ConsultantPublicationService {
  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async get(actor: Actor, clinicId: string): Promise<ConsultantPublicationView> {
    await this.access.require(actor, Permission.ConsultantProfileManage, clinicId);
    return this.db.runAs(actor, (manager) => this.view(manager, actor, clinicId));
  }

  async put(actor: Actor, clinicId: string, request: ConsultantPublicationPayload): Promise<ConsultantPublicationView> {
    await this.access.require(actor, Permission.ConsultantProfileManage, clinicId);
    const fields = checked(request);
    return this.db.runAs(actor, async (manager) => {
      const existing = await manager.findOneBy(ConsultantProfile, { consultantId: actor.userId });
      if (existing && existing.clinicId !== clinicId) {
        await this.denied('consultant_profile.update', actor.userId);
        throw new AppError(ErrorCode.Forbidden, OTHER_CLINIC);
      }
      const missing = request.profile.published ? missingToPublish(fields.profile.offerings, fields.availability) : [];
      if (missing.length > 0) {
        await this.denied('consultant_profile.publish', actor.userId);
        const needs = missing.map((m) => m.need).join(' and ');
        throw new AppError(ErrorCode.ConsultantProfileIncomplete, `Nothing was saved: publishing needs ${needs}.`, missing.map((m) => m.detail));
      }
      if (!existing) {
        const row = { consultantId: actor.userId, clinicId, ...fields.profile, published: false };
        await manager.createQueryBuilder().insert().into(ConsultantProfile).values(row).orIgnore().execute();
      }
      const current = await manager.findOne(ConsultantProfile, {
        where: { consultantId: actor.userId, clinicId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw new AppError(ErrorCode.NotFound, 'You have no consultant profile in this clinic.');
      const published = request.profile.published;
      await manager.update(ConsultantProfile, { consultantId: actor.userId }, { ...fields.profile, ...fields.availability, published });
      const audited = (action: string) =>
        this.audit.record({ action, entityType: 'consultant_profile', entityId: actor.userId, outcome: 'success' });
      await audited(existing ? 'consultant_profile.update' : 'consultant_profile.create');
      await audited('consultant_availability.update');
      if (current.published !== published) await audited(published ? 'consultant_profile.publish' : 'consultant_profile.unpublish');
      return this.view(manager, actor, clinicId);
    });
  }

  private async view(manager: EntityManager, actor: Actor, clinicId: string): Promise<ConsultantPublicationView> {
    const clinic = await new ClinicProfilesRepository(manager).find(clinicId);
    if (!clinic) throw noClinic();
    const profile = await manager.findOneBy(ConsultantProfile, { consultantId: actor.userId, clinicId });
    const timeOff = profile
      ? await manager.find(ConsultantTimeOff, {
          where: { consultantId: actor.userId, endsAt: MoreThan(new Date()) },
          order: { startsAt: 'ASC', id: 'ASC' },
        })
      : [];
    return {
      profile: profile ? toOwnProfileView(profile) : null,
      availability: profile ? toAvailabilityView(profile, timeOff) : null,
      defaults: { priceCurrency: clinic.defaultCurrency, timeZone: clinic.timeZone },
      clinic: toClinicPreviewView(clinic),
      bookingPolicy: {
        fullRefundNoticeHours: this.config.BOOKING_FULL_REFUND_NOTICE_HOURS,
        holdMinutes: this.config.BOOKING_HOLD_MINUTES,
      },
    };
  }

  private denied(action: string, consultantId: string): Promise<void> {
    return this.audit.recordIndependently({
      action,
      entityType: 'consultant_profile',
      entityId: consultantId,
      outcome: 'denied',
    });
  }
}

/** Both halves checked, every problem named by its field in the request (profile.*, availability.*). */
function checked(request: ConsultantPublicationPayload): {
  profile: ReturnType<typeof profileFields>;
  availability: AvailabilityFields;
} {
  const problems = profileProblems(request.profile).map((problem) => `profile.${problem}`);
  let availability: AvailabilityFields | undefined;
  try {
    // Read in the zone being saved with them, not the one stored.
    availability = availabilityFields(request.availability, request.profile.timeZone);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== ErrorCode.ValidationFailed) throw error;
    // A bad zone is already named under profile.timeZone.
    const details = (error.details ?? []).filter((detail) => !detail.startsWith('timeZone'));
    problems.push(...details.map((detail) => `availability.${detail}`));
  }
  if (problems.length > 0 || !availability) throw invalidProfile(problems);
  return { profile: profileFields(request.profile), availability };
}

/** What owners would lack: something to book (a priced length) and time to book it in. */
function missingToPublish(offerings: unknown[], availability: AvailabilityFields): { need: string; detail: string }[] {
  const missing: { need: string; detail: string }[] = [];
  if (offerings.length === 0) {
    missing.push({
      need: 'a consultation length with a price',
      detail: 'profile.offerings: add at least one consultation length with a price',
    });
  }
  if (!isComplete({ offerings: [null], ...availability })) {
    missing.push({
      need: 'opening hours',
      detail: 'availability.weeklyRules: add opening hours (a weekly rule, or a date with its own hours)',
    });
  }
  return missing;
}
