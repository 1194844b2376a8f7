import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  CONSULTATION_INVITATION_SENT_MESSAGE,
  ErrorCode,
  type ConsultationInvitationSent,
  type ConsultationView,
  type CreateConsultationPayload,
} from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import { Permission } from '../access/permission';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { ClinicRecords } from '../clinics/clinic-records';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { DatabaseContext } from '../database/database-context';
import type { RateLimiter } from '../rate-limits/rate-limiter';
import { RateLimits } from '../rate-limits/rate-limits';
import { ConsultationInvitationMail } from './consultation-invitation-mail';
import { findInvitee, insertInvitation, setInvitationAnswer } from './consultation-invitations';
import { findParticipation } from './consultation-participation';
import { loadConsultationViews } from './consultation-views';
import { ConsultationStatus } from './consultation.entity';
import { joinWindowOf, joinWindowSettingsOf, type JoinWindowSettings } from './join-window';

/** Clocks differ: a start this far in the past still counts as now. */
const PAST_START_SLACK_MS = 60_000;
/** On-demand consultations are for the near future; booking plans further ahead. */
const LATEST_START_MS = 366 * 24 * 60 * 60_000;

/**
 * Invitations one consultant may send in a window, and one clinic's consultants together: enough
 * for a day's calls, too few to probe addresses.
 */
export const INVITATIONS_PER_CONSULTANT = 10;
export const INVITATIONS_PER_CLINIC = 50;
export const INVITATION_WINDOW_MS = 10 * 60_000;

type Answer = 'accept' | 'decline';

/** A pending, refused or suspended clinic takes no new consultation (the insert policy says so too). */
export const notApproved = () =>
  new AppError(ErrorCode.ClinicState, 'This clinic is not approved on the platform: it takes no new consultation.');

/**
 * On-demand consultations as invitations the owner answers. A consultant names the owner by
 * e-mail and the pet by name and always gets the same answer, match or not (the same work runs
 * either way, and the owner's mail goes out in the background), so the API never confirms who
 * has an account or a pet. The consultation exists as 'invited', which row-level security shows
 * only to the owner; accepting makes it 'scheduled' and shows the consultant the owner's name,
 * country and zone and the pet's record; declining, or letting it expire, shows them nothing.
 */
@Injectable()
export class ConsultationInvitationsService {
  private readonly window: JoinWindowSettings;
  private readonly perConsultant: RateLimiter;
  private readonly perClinic: RateLimiter;

  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly mail: ConsultationInvitationMail,
    limits: RateLimits,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.window = joinWindowSettingsOf(config);
    const windowMs = INVITATION_WINDOW_MS;
    this.perConsultant = limits.limiter({ name: 'consultation-invitations.per-consultant', limit: INVITATIONS_PER_CONSULTANT, windowMs });
    this.perClinic = limits.limiter({ name: 'consultation-invitations.per-clinic', limit: INVITATIONS_PER_CLINIC, windowMs });
  }

  async invite(actor: Actor, clinicId: string, request: CreateConsultationPayload)
    : Promise<ConsultationInvitationSent> {
    await this.access.require(actor, Permission.ConsultationCreate, clinicId);
    // A request refused for its times spends no budget.
    const { startsAt, endsAt } = this.times(request);
    await this.perConsultant.take(actor.userId);
    await this.perClinic.take(clinicId);
    const id = randomUUID();
    const invitee = await this.db.runAs(actor, async (manager) => {
      if (!(await ClinicRecords.isApproved(manager, clinicId))) throw notApproved();
      const match = await findInvitee(manager, request.ownerEmail, request.petName.trim());
      if (match) {
        const reason = request.reason?.trim() || null;
        const consultantId = actor.userId;
        await insertInvitation(manager, { id, clinicId, consultantId, ...match, startsAt, endsAt, reason });
      }
      // One event either way, on the clinic: one on the consultation would show the clinic's admins that it matched.
      await this.audit.record({
        action: 'consultation.invite',
        entityType: 'clinic',
        entityId: clinicId,
        outcome: 'success',
        actorUserId: actor.userId,
      });
      return match;
    });
    if (invitee) this.mail.sendInBackground(id, invitee.ownerId);
    return { message: CONSULTATION_INVITATION_SENT_MESSAGE };
  }

  /** The owner's alone, while the invitation is open (until its join window closes). */
  answer(actor: Actor, consultationId: string, answer: Answer): Promise<ConsultationView> {
    const action = `consultation.invitation.${answer}`;
    const event = (outcome: 'success' | 'denied') =>
      ({ action, entityType: 'consultation', entityId: consultationId, outcome, actorUserId: actor.userId }) as const;
    const refuse = async (error: AppError): Promise<never> => {
      await this.audit.recordIndependently(event('denied'));
      throw error;
    };
    return this.db.runAs(actor, async (manager) => {
      const participation = await findParticipation(manager, actor.userId, consultationId, { lock: true });
      if (participation?.role !== 'owner') return refuse(new AppError(ErrorCode.NotFound, 'No such consultation.'));
      const expired = joinWindowOf(participation, this.window).closesAt.getTime() <= Date.now();
      if (participation.status !== ConsultationStatus.Invited || expired) {
        const invited = participation.status === ConsultationStatus.Invited;
        const state = invited ? 'expired' : participation.status.replace('_', ' ');
        const message = `Only an open invitation can be answered; this one is ${state}.`;
        return refuse(new AppError(ErrorCode.ConsultationState, message));
      }
      const status = answer === 'accept' ? ConsultationStatus.Scheduled : ConsultationStatus.Declined;
      await setInvitationAnswer(manager, consultationId, status);
      await this.audit.record(event('success'));
      return this.view(manager, actor, consultationId);
    });
  }

  private times(request: CreateConsultationPayload): { startsAt: Date; endsAt: Date } {
    const now = Date.now();
    const startsAt = request.startsAt === undefined ? new Date(now) : new Date(request.startsAt);
    if (startsAt.getTime() < now - PAST_START_SLACK_MS) {
      const details = ['startsAt: must not lie in the past'];
      throw new AppError(ErrorCode.ValidationFailed, 'A consultation cannot start in the past.', details);
    }
    if (startsAt.getTime() > now + LATEST_START_MS) {
      const details = ['startsAt: must lie within a year'];
      throw new AppError(ErrorCode.ValidationFailed, 'A consultation starts within a year.', details);
    }
    return { startsAt, endsAt: new Date(startsAt.getTime() + request.durationMinutes * 60_000) };
  }

  private async view(manager: EntityManager, actor: Actor, consultationId: string): Promise<ConsultationView> {
    const [view] = await loadConsultationViews(manager, actor.userId, [consultationId], this.window);
    if (!view) throw new AppError(ErrorCode.NotFound, 'No such consultation.');
    return view;
  }
}
