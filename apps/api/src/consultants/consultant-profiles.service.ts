import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  CONSULTANT_MAX_TIME_OFF,
  ErrorCode,
  type ConsultantAvailabilityPayload,
  type ConsultantAvailabilityView,
  type ConsultantOwnProfileView,
  type ConsultantProfilePayload,
  type TimeOffPayload,
  type TimeOffView,
} from '@vetmeet/contracts';
import { type EntityManager, MoreThan } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import { Permission } from '../access/permission';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { DatabaseContext } from '../database/database-context';
import { ConsultantProfile } from './consultant-profile.entity';
import { availabilityFields, invalidProfile, profileFields, profileProblems } from './consultant-profile-rules';
import { ConsultantTimeOff } from './consultant-time-off.entity';
import { isComplete, toAvailabilityView, toOwnProfileView, toTimeOffView } from './consultant-views';

const noProfile = () => new AppError(ErrorCode.NotFound, 'You have no consultant profile in this clinic yet: create it first.');
const incomplete = () =>
  new AppError(ErrorCode.ConsultantProfileIncomplete, 'A published profile needs at least one consultation length with a price and a weekly rule or a date override that opens.');

/**
 * A consultant's own profile, availability and time off, in the clinic they act in. Access
 * first (the consultant role there), then everything runs as the consultant, so row-level
 * security holds them to their own row too. Every change is audited, never with its content.
 */
@Injectable()
export class ConsultantProfilesService {
  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
  ) {}

  async getProfile(actor: Actor, clinicId: string): Promise<ConsultantOwnProfileView> {
    await this.access.require(actor, Permission.ConsultantProfileManage, clinicId);
    return this.db.runAs(actor, async (manager) => toOwnProfileView(await this.own(manager, actor, clinicId)));
  }

  /** Creates the profile or replaces it; publishing is refused while it is incomplete. */
  async putProfile(actor: Actor, clinicId: string, request: ConsultantProfilePayload): Promise<ConsultantOwnProfileView> {
    await this.access.require(actor, Permission.ConsultantProfileManage, clinicId);
    checkProfile(request);
    return this.db.runAs(actor, async (manager) => {
      const existing = await manager.findOneBy(ConsultantProfile, { consultantId: actor.userId });
      if (existing && existing.clinicId !== clinicId) {
        await this.denied('consultant_profile.update', actor.userId);
        throw new AppError(ErrorCode.Forbidden, 'Your consultant profile belongs to another clinic: act in that clinic to change it.');
      }
      const fields = profileFields(request);
      // Created unpublished, then treated like any update: one path, and two first saves at once cannot collide.
      if (!existing) await manager.createQueryBuilder().insert().into(ConsultantProfile).values({ consultantId: actor.userId, clinicId, ...fields, published: false }).orIgnore().execute();
      const current = await this.own(manager, actor, clinicId, { lock: true });
      if (request.published && !isComplete({ offerings: fields.offerings, weeklyRules: current.weeklyRules, dateOverrides: current.dateOverrides })) {
        await this.denied('consultant_profile.publish', actor.userId);
        throw incomplete();
      }
      await manager.update(ConsultantProfile, { consultantId: actor.userId }, { ...fields, published: request.published });
      await this.audit.record({ action: existing ? 'consultant_profile.update' : 'consultant_profile.create', entityType: 'consultant_profile', entityId: actor.userId, outcome: 'success' });
      if (current.published !== request.published) {
        await this.audit.record({ action: request.published ? 'consultant_profile.publish' : 'consultant_profile.unpublish', entityType: 'consultant_profile', entityId: actor.userId, outcome: 'success' });
      }
      return toOwnProfileView(await this.own(manager, actor, clinicId));
    });
  }

  async getAvailability(actor: Actor, clinicId: string): Promise<ConsultantAvailabilityView> {
    await this.access.require(actor, Permission.ConsultantProfileManage, clinicId);
    return this.db.runAs(actor, async (manager) => this.availabilityView(manager, await this.own(manager, actor, clinicId)));
  }

  /** Replaces rules, overrides and settings; checked by the slot engine's own validation first. */
  async putAvailability(actor: Actor, clinicId: string, request: ConsultantAvailabilityPayload): Promise<ConsultantAvailabilityView> {
    await this.access.require(actor, Permission.ConsultantProfileManage, clinicId);
    return this.db.runAs(actor, async (manager) => {
      const profile = await this.own(manager, actor, clinicId, { lock: true });
      const fields = availabilityFields(request, profile.timeZone);
      if (profile.published && !isComplete({ offerings: profile.offerings, ...fields })) {
        await this.denied('consultant_availability.update', actor.userId);
        throw incomplete();
      }
      await manager.update(ConsultantProfile, { consultantId: actor.userId }, fields);
      await this.audit.record({ action: 'consultant_availability.update', entityType: 'consultant_profile', entityId: actor.userId, outcome: 'success' });
      return this.availabilityView(manager, await this.own(manager, actor, clinicId));
    });
  }

  async addTimeOff(actor: Actor, clinicId: string, request: TimeOffPayload): Promise<TimeOffView> {
    await this.access.require(actor, Permission.ConsultantProfileManage, clinicId);
    const startsAt = new Date(request.startsAt);
    const endsAt = new Date(request.endsAt);
    if (!(endsAt.getTime() > startsAt.getTime())) throw new AppError(ErrorCode.ValidationFailed, 'Time off ends after it starts.', ['endsAt: must be after startsAt']);
    if (endsAt.getTime() <= Date.now()) throw new AppError(ErrorCode.ValidationFailed, 'This time off is already over.', ['endsAt: must lie in the future']);
    return this.db.runAs(actor, async (manager) => {
      await this.own(manager, actor, clinicId, { lock: true });
      const current = await manager.countBy(ConsultantTimeOff, { consultantId: actor.userId, endsAt: MoreThan(new Date()) });
      if (current >= CONSULTANT_MAX_TIME_OFF) {
        throw new AppError(ErrorCode.ValidationFailed, 'You have too much time off planned; remove some first.', [`timeOff: at most ${CONSULTANT_MAX_TIME_OFF} upcoming`]);
      }
      const interval = manager.create(ConsultantTimeOff, { id: randomUUID(), consultantId: actor.userId, startsAt, endsAt });
      await manager.insert(ConsultantTimeOff, interval);
      await this.audit.record({ action: 'consultant_time_off.create', entityType: 'consultant_time_off', entityId: interval.id, outcome: 'success' });
      return toTimeOffView(interval);
    });
  }

  async removeTimeOff(actor: Actor, clinicId: string, timeOffId: string): Promise<void> {
    await this.access.require(actor, Permission.ConsultantProfileManage, clinicId);
    await this.db.runAs(actor, async (manager) => {
      await this.own(manager, actor, clinicId);
      const result = await manager.delete(ConsultantTimeOff, { id: timeOffId, consultantId: actor.userId });
      if (!result.affected) {
        await this.audit.recordIndependently({ action: 'consultant_time_off.delete', entityType: 'consultant_time_off', entityId: timeOffId, outcome: 'denied' });
        throw new AppError(ErrorCode.NotFound, 'No such time off.');
      }
      await this.audit.record({ action: 'consultant_time_off.delete', entityType: 'consultant_time_off', entityId: timeOffId, outcome: 'success' });
    });
  }

  private async own(manager: EntityManager, actor: Actor, clinicId: string, options: { lock?: boolean } = {}): Promise<ConsultantProfile> {
    const profile = await manager.findOne(ConsultantProfile, {
      where: { consultantId: actor.userId, clinicId },
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!profile) throw noProfile();
    return profile;
  }

  private async availabilityView(manager: EntityManager, profile: ConsultantProfile): Promise<ConsultantAvailabilityView> {
    const timeOff = await manager.find(ConsultantTimeOff, { where: { consultantId: profile.consultantId, endsAt: MoreThan(new Date()) }, order: { startsAt: 'ASC', id: 'ASC' } });
    return toAvailabilityView(profile, timeOff);
  }

  private denied(action: string, consultantId: string): Promise<void> {
    return this.audit.recordIndependently({ action, entityType: 'consultant_profile', entityId: consultantId, outcome: 'denied' });
  }
}

function checkProfile(request: ConsultantProfilePayload): void {
  const problems = profileProblems(request);
  if (problems.length > 0) throw invalidProfile(problems);
}
