import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, type ConsultationRoleValue, type ConsultationStatusValue } from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { PasswordHasher } from '../auth/password-hasher';
import { RateLimits } from '../rate-limits/rate-limits';
import type { RateLimiter } from '../rate-limits/rate-limiter';
import { AuditService } from '../audit/audit.service';
import { ClinicRecords } from '../clinics/clinic-records';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { DatabaseContext } from '../database/database-context';
import { displayNameOf, findParticipation, type Participation } from './consultation-participation';
import { isClosed, roomTransition, type RoomDrivenStatus } from './consultation-status';
import { Consultation, ConsultationStatus } from './consultation.entity';
import { joinWindowMessage, joinWindowOf, joinWindowSettingsOf, positionIn, type JoinWindowSettings } from './join-window';

/** What the room needs to seat a participant, as the database said it on joining. */
export interface RoomTicket {
  consultationId: string;
  clinicId: string;
  status: ConsultationStatusValue;
  startsAt: Date;
  endsAt: Date;
  joinClosesAt: Date;
  roomLocked: boolean;
  role: ConsultationRoleValue;
  userId: string;
  displayName: string;
  owner: { userId: string; displayName: string };
  consultant: { userId: string; displayName: string };
}

/** Wrong room passwords allowed per person and consultation in a window; the next attempt, right or wrong, is refused. */
const PASSWORD_ATTEMPTS = 5;
const PASSWORD_WINDOW_MS = 15 * 60_000;

type Audited = { action: string; consultationId: string; outcome: 'success' | 'denied' };

/**
 * The consultation room's questions to the database: may this person join now, and the
 * changes the room makes (lock, status). Socket requests act with no clinic, so everything
 * here goes by participation alone: the owner and the consultant, nobody else. Every answer
 * is audited with the actor named explicitly (socket events carry no request context).
 */
@Injectable()
export class ConsultationRoomAccess {
  private readonly window: JoinWindowSettings;
  private readonly passwordAttempts: RateLimiter;

  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
    @Inject(AppConfig) config: AppConfig,
    limits: RateLimits,
  ) {
    this.window = joinWindowSettingsOf(config);
    this.passwordAttempts = limits.limiter({
      name: 'room-password.attempts',
      limit: PASSWORD_ATTEMPTS,
      windowMs: PASSWORD_WINDOW_MS,
    });
  }

  /**
   * Checks, in this order: participant (else NOT_FOUND), an accepted invitation (else
   * CONSULTATION_STATE), status not closed (else CONSULTATION_CLOSED), inside the join window (else JOIN_WINDOW_CLOSED saying when it
   * opens or closed), the room password when the owner set one (ROOM_PASSWORD_REQUIRED,
   * ROOM_PASSWORD_INVALID; the 6th attempt in 15 minutes per person and consultation is
   * RATE_LIMITED, right or wrong). Audits 'consultation.join' either way. Does not check the
   * lock: the room knows who holds a place.
   */
  async checkJoin(actor: Actor, consultationId: string, password: string | undefined): Promise<RoomTicket> {
    const { participation, approved } = await this.db.runAs(actor, async (manager) => {
      const found = await findParticipation(manager, actor.userId, consultationId);
      return { participation: found, approved: found ? await ClinicRecords.isApproved(manager, found.clinicId) : false };
    });
    const refuse = (error: AppError) => this.refuse(actor, { action: 'consultation.join', consultationId, outcome: 'denied' }, error);
    if (!participation) return refuse(new AppError(ErrorCode.NotFound, 'No such consultation.'));
    if (!approved) return refuse(new AppError(ErrorCode.ClinicState, 'This clinic is suspended on the platform: its rooms are closed.'));
    if (participation.status === 'invited') return refuse(new AppError(ErrorCode.ConsultationState, 'This invitation has not been accepted yet: its room opens once the owner accepts.'));
    if (isClosed(participation.status)) return refuse(new AppError(ErrorCode.ConsultationClosed, `This consultation is ${participation.status.replace('_', '-')}: its room is closed.`));
    const window = joinWindowOf(participation, this.window);
    const now = new Date();
    const position = positionIn(window, now);
    if (position !== 'open') {
      const details = position === 'before' ? [`opensAt: ${window.opensAt.toISOString()}`] : [`closedAt: ${window.closesAt.toISOString()}`];
      return refuse(new AppError(ErrorCode.JoinWindowClosed, joinWindowMessage(window, position, now), details));
    }
    if (participation.roomPasswordHash !== null) {
      if (!password) return refuse(new AppError(ErrorCode.RoomPasswordRequired));
      const key = `${actor.userId}:${consultationId}`;
      try {
        await this.passwordAttempts.take(key);
      } catch (error) {
        return refuse(error as AppError);
      }
      if (!(await this.hasher.verify(participation.roomPasswordHash, password))) return refuse(new AppError(ErrorCode.RoomPasswordInvalid));
      await this.passwordAttempts.reset(key);
    }
    await this.record(actor, { action: 'consultation.join', consultationId, outcome: 'success' });
    return {
      consultationId,
      clinicId: participation.clinicId,
      status: participation.status,
      startsAt: participation.startsAt,
      endsAt: participation.endsAt,
      joinClosesAt: window.closesAt,
      roomLocked: participation.roomLocked,
      role: participation.role,
      userId: actor.userId,
      displayName: displayNameOf(participation, actor.userId),
      owner: participation.owner,
      consultant: participation.consultant,
    };
  }

  /** Consultant only (the owner gets FORBIDDEN). Persists the lock; audited. */
  async setLocked(actor: Actor, consultationId: string, locked: boolean): Promise<void> {
    const action = locked ? 'consultation.lock' : 'consultation.unlock';
    await this.db.runAs(actor, async (manager) => {
      const participation = await this.participationOf(manager, actor, consultationId, action);
      if (participation.role !== 'consultant') {
        await this.refuse(actor, { action, consultationId, outcome: 'denied' }, new AppError(ErrorCode.Forbidden, 'Only the consultant locks the room.'));
      }
      await manager.update(Consultation, { id: consultationId }, { roomLocked: locked });
      await this.record(actor, { action, consultationId, outcome: 'success' });
    });
  }

  /**
   * Status changes the room drives: 'waiting' (the owner arrived; from scheduled),
   * 'in_progress' (the consultant admitted the owner; sets started_at once), 'ended' (the
   * consultant ended it; sets ended_at; consultant only, the owner gets FORBIDDEN). An illegal
   * change is CONSULTATION_STATE; asking for the status it already has changes nothing.
   */
  async markStatus(actor: Actor, consultationId: string, status: RoomDrivenStatus): Promise<void> {
    const action = `consultation.${status}`;
    await this.db.runAs(actor, async (manager) => {
      const participation = await this.participationOf(manager, actor, consultationId, action, { lock: true });
      if (status === 'ended' && participation.role !== 'consultant') {
        await this.refuse(actor, { action, consultationId, outcome: 'denied' }, new AppError(ErrorCode.Forbidden, 'Only the consultant ends the consultation.'));
      }
      const transition = roomTransition(participation.status, status);
      if (transition === 'same') return;
      if (transition === 'illegal') {
        const error = new AppError(ErrorCode.ConsultationState, `A consultation that is ${participation.status.replace('_', ' ')} cannot become ${status.replace('_', ' ')}.`);
        await this.refuse(actor, { action, consultationId, outcome: 'denied' }, error);
      }
      const changes: Partial<Consultation> = { status: status as ConsultationStatus };
      if (status === 'in_progress') {
        await manager.query('UPDATE consultations SET started_at = coalesce(started_at, now()) WHERE id = $1', [consultationId]);
      }
      if (status === 'ended') changes.endedAt = new Date();
      await manager.update(Consultation, { id: consultationId }, changes);
      await this.record(actor, { action, consultationId, outcome: 'success' });
    });
  }

  private async participationOf(manager: EntityManager, actor: Actor, consultationId: string, action: string, options: { lock?: boolean } = {}): Promise<Participation> {
    const participation = await findParticipation(manager, actor.userId, consultationId, options);
    if (participation) return participation;
    return this.refuse(actor, { action, consultationId, outcome: 'denied' }, new AppError(ErrorCode.NotFound, 'No such consultation.'));
  }

  private async refuse(actor: Actor, event: Audited, error: AppError): Promise<never> {
    await this.audit.recordIndependently({ action: event.action, entityType: 'consultation', entityId: event.consultationId, outcome: event.outcome, actorUserId: actor.userId });
    throw error;
  }

  private record(actor: Actor, event: Audited): Promise<void> {
    const record = { action: event.action, entityType: 'consultation', entityId: event.consultationId, outcome: event.outcome, actorUserId: actor.userId };
    return this.db.scope() ? this.audit.record(record) : this.db.runAs(actor, () => this.audit.record(record));
  }
}
