import { Inject, Injectable } from '@nestjs/common';
import {
  CONSULTATION_LIST_DEFAULT_LIMIT,
  ErrorCode,
  type ConsultationListPage,
  type ConsultationListQueryPayload,
  type ConsultationView,
  type PetView,
} from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { PasswordHasher } from '../auth/password-hasher';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { pageByStart } from '../common/keyset-page';
import { AppConfig } from '../config/app-config';
import { DatabaseContext } from '../database/database-context';
import { Pet } from '../pets/pet.entity';
import { toPetView } from '../pets/pets.service';
import { ConsultationEvents } from './consultation-events';
import { findParticipation, type Participation } from './consultation-participation';
import { isCancellable, isClosed } from './consultation-status';
import { loadConsultationViews } from './consultation-views';
import { Consultation, ConsultationStatus } from './consultation.entity';
import { joinWindowSettingsOf, type JoinWindowSettings } from './join-window';

/** Whether a booking made this consultation (its cancel and refund go through the booking). */
async function isBooked(manager: EntityManager, consultationId: string): Promise<boolean> {
  const rows = await manager.query<unknown[]>('SELECT 1 FROM bookings WHERE consultation_id = $1', [consultationId]);
  return rows.length > 0;
}

const notFound = () => new AppError(ErrorCode.NotFound, 'No such consultation.');

/**
 * Consultations over HTTP (invitations: ConsultationInvitationsService): its two
 * participants list, read and cancel it; the owner sets the room password; both read the
 * pet's record through it. Every method finds the actor's participation first (access
 * first), and anything else is "not found". Every read and change is audited.
 */
@Injectable()
export class ConsultationsService {
  private readonly window: JoinWindowSettings;

  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly hasher: PasswordHasher,
    private readonly events: ConsultationEvents,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.window = joinWindowSettingsOf(config);
  }

  /**
   * A page of the person's consultations, either side: 'upcoming' while their room can still
   * be joined (open and not past the join window's close), soonest first; 'past' the rest, latest first.
   */
  list(actor: Actor, query: ConsultationListQueryPayload): Promise<ConsultationListPage> {
    return this.db.runAs(actor, async (manager) => {
      const upcoming = query.period === 'upcoming';
      const open = `status IN ('invited', 'scheduled', 'waiting', 'in_progress') AND ends_at + $2::interval > now()`;
      const page = await pageByStart(manager, {
        table: 'consultations',
        where: ['(owner_id = $1 OR consultant_id = $1)', upcoming ? open : `NOT (${open})`],
        params: [actor.userId, `${this.window.closesMinutes} minutes`],
        ascending: upcoming,
        identity: [query.period],
        limit: query.limit ?? CONSULTATION_LIST_DEFAULT_LIMIT,
        cursor: query.cursor,
      });
      await this.audit.record({ action: 'consultation.list', entityType: 'consultation', outcome: 'success', actorUserId: actor.userId });
      return { items: await loadConsultationViews(manager, actor.userId, page.ids, this.window), nextCursor: page.nextCursor };
    });
  }

  get(actor: Actor, consultationId: string): Promise<ConsultationView> {
    return this.db.runAs(actor, async (manager) => {
      await this.participation(manager, actor, consultationId, 'consultation.read');
      await this.audit.record({ action: 'consultation.read', entityType: 'consultation', entityId: consultationId, outcome: 'success', actorUserId: actor.userId });
      return this.view(manager, actor, consultationId);
    });
  }

  /** Either participant, before it started; a room open for it closes. */
  async cancel(actor: Actor, consultationId: string): Promise<ConsultationView> {
    const view = await this.db.runAs(actor, async (manager) => {
      const participation = await this.participation(manager, actor, consultationId, 'consultation.cancel', { lock: true });
      if (!isCancellable(participation.status)) {
        await this.audit.recordIndependently({ action: 'consultation.cancel', entityType: 'consultation', entityId: consultationId, outcome: 'denied', actorUserId: actor.userId });
        throw new AppError(ErrorCode.ConsultationState, `Only a consultation that has not started can be cancelled; this one is ${participation.status.replace('_', ' ')}.`);
      }
      if (await isBooked(manager, consultationId)) {
        // Cancelling the call alone would leave its booking confirmed and paid, with no refund decided.
        await this.audit.recordIndependently({ action: 'consultation.cancel', entityType: 'consultation', entityId: consultationId, outcome: 'denied', actorUserId: actor.userId });
        throw new AppError(ErrorCode.ConsultationState, 'This consultation was booked: cancel the booking instead, so that its refund policy applies.');
      }
      await manager.update(Consultation, { id: consultationId }, { status: ConsultationStatus.Cancelled });
      await this.audit.record({ action: 'consultation.cancel', entityType: 'consultation', entityId: consultationId, outcome: 'success', actorUserId: actor.userId });
      return this.view(manager, actor, consultationId);
    });
    this.events.emit('cancelled', { consultationId });
    return view;
  }

  /** The owner's alone; null clears it. Hashed like an account password: it is short, and a leak must not reveal it. */
  async setRoomPassword(actor: Actor, consultationId: string, password: string | null): Promise<ConsultationView> {
    const action = password === null ? 'consultation.room_password.clear' : 'consultation.room_password.set';
    // Checked before hashing, and again under the row lock after: argon2 takes tens of milliseconds
    // on the shared thread pool (seconds behind a burst of sign-ins), too long to hold the
    // consultation's row lock and a pooled connection through.
    await this.db.runAs(actor, (manager) => this.ownerOfOpenConsultation(manager, actor, consultationId, action));
    const roomPasswordHash = password === null ? null : await this.hasher.hash(password);
    return this.db.runAs(actor, async (manager) => {
      await this.ownerOfOpenConsultation(manager, actor, consultationId, action, { lock: true });
      await manager.update(Consultation, { id: consultationId }, { roomPasswordHash });
      await this.audit.record({ action, entityType: 'consultation', entityId: consultationId, outcome: 'success', actorUserId: actor.userId });
      return this.view(manager, actor, consultationId);
    });
  }

  /**
   * The pet's full record, for the owner, and for the consultant of an accepted consultation that
   * was not cancelled until its join window closes (row-level security says so; after, "not found").
   */
  petRecord(actor: Actor, consultationId: string): Promise<PetView> {
    return this.db.runAs(actor, async (manager) => {
      const participation = await this.participation(manager, actor, consultationId, 'pet.read');
      const pet = await manager.findOneBy(Pet, { id: participation.petId });
      if (!pet) {
        await this.audit.recordIndependently({ action: 'pet.read', entityType: 'consultation', entityId: consultationId, outcome: 'denied', actorUserId: actor.userId });
        throw new AppError(ErrorCode.NotFound, 'No such pet.');
      }
      await this.audit.record({ action: 'pet.read', entityType: 'consultation', entityId: consultationId, outcome: 'success', actorUserId: actor.userId });
      return toPetView(pet);
    });
  }

  private async ownerOfOpenConsultation(manager: EntityManager, actor: Actor, consultationId: string, action: string, options: { lock?: boolean } = {}): Promise<void> {
    const participation = await this.participation(manager, actor, consultationId, action, options);
    if (participation.role !== 'owner') {
      await this.audit.recordIndependently({ action, entityType: 'consultation', entityId: consultationId, outcome: 'denied', actorUserId: actor.userId });
      throw new AppError(ErrorCode.Forbidden, 'Only the owner sets the room password.');
    }
    if (isClosed(participation.status)) {
      await this.audit.recordIndependently({ action, entityType: 'consultation', entityId: consultationId, outcome: 'denied', actorUserId: actor.userId });
      throw new AppError(ErrorCode.ConsultationState, 'This consultation is over: its room has no use for a password any more.');
    }
  }

  private async participation(manager: EntityManager, actor: Actor, consultationId: string, action: string, options: { lock?: boolean } = {}): Promise<Participation> {
    const participation = await findParticipation(manager, actor.userId, consultationId, options);
    if (participation) return participation;
    await this.audit.recordIndependently({ action, entityType: 'consultation', entityId: consultationId, outcome: 'denied', actorUserId: actor.userId });
    throw notFound();
  }

  private async view(manager: EntityManager, actor: Actor, consultationId: string): Promise<ConsultationView> {
    const [view] = await loadConsultationViews(manager, actor.userId, [consultationId], this.window);
    if (!view) throw notFound();
    return view;
  }
}
