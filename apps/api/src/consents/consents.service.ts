import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode, type BookingConsentsPayload, type ConsentsView } from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import { CURRENT_PRIVACY_POLICY_VERSION } from '../accounts/privacy-policy';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { AppError } from '../common/errors/app-error';
import { loggableError } from '../common/errors/loggable-error';
import { findParticipation, type Participation } from '../consultations/consultation-participation';
import { DatabaseContext } from '../database/database-context';
import { ConsentEvents, type ConsentChanged } from './consent-events';
import { CONSENT_AUDIT_ACTIONS, consentAuditAction, type ConsentPurpose } from './consent-purpose';
import { consentsViewOf, decideConsentChange } from './consent-rules';
import { ConsentsRepository } from './consents.repository';

/**
 * The consent ledger for people and for the room: each participant reads their consultation's
 * answers and appends their own (a withdrawal is a new row), every appended answer is audited in
 * its transaction and announced on ConsentEvents once committed.
 */
@Injectable()
export class ConsentsService {
  private readonly logger = new Logger(ConsentsService.name);

  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly events: ConsentEvents,
  ) {}

  /** Not a participant (or the consultant of an invitation not accepted): NOT_FOUND, audited. */
  view(actor: Actor, consultationId: string): Promise<ConsentsView> {
    const action = CONSENT_AUDIT_ACTIONS.read;
    return this.db.runAs(actor, async (manager) => {
      const participation = await this.participation(manager, actor, consultationId, action);
      await this.audit.record({ ...this.event(actor, consultationId, action), outcome: 'success' });
      return this.viewIn(manager, actor, participation);
    });
  }

  /**
   * Sets the caller's answer for one purpose: appends a row only when it changes the standing
   * one (idempotent). Support review is the owner's (FORBIDDEN for the consultant); a cancelled,
   * declined, expired or not yet accepted consultation takes no answer (CONSULTATION_STATE).
   */
  async set(actor: Actor, consultationId: string, purpose: ConsentPurpose, granted: boolean): Promise<ConsentsView> {
    const action = consentAuditAction(purpose, granted);
    let changed: ConsentChanged | null = null;
    const view = await this.db.runAs(actor, async (manager) => {
      const participation = await this.participation(manager, actor, consultationId, action);
      const ledger = new ConsentsRepository(manager);
      await ledger.lockAnswersOf(consultationId, actor.userId, purpose);
      const standings = await ledger.standings(consultationId);
      const standing = standings.some((row) => row.userId === actor.userId && row.purpose === purpose && row.granted);
      const { role, status } = participation;
      const decision = decideConsentChange({ role, status, purpose, standing, granted });
      if (decision.kind === 'refused') {
        await this.audit.recordIndependently({ ...this.event(actor, consultationId, action), outcome: 'denied' });
        throw new AppError(decision.code, decision.message);
      }
      if (decision.kind === 'append') {
        const answer = { consultationId, userId: actor.userId, purpose, granted };
        const recordedAt = await ledger.append({ ...answer, policyVersion: CURRENT_PRIVACY_POLICY_VERSION });
        await this.audit.record({ ...this.event(actor, consultationId, action), outcome: 'success' });
        changed = { ...answer, recordedAt };
      }
      return this.viewIn(manager, actor, participation);
    });
    if (changed) this.announce(changed);
    return view;
  }

  /**
   * Inside the booking's transaction, acting as its owner: keeps each true answer until the
   * booking becomes a consultation, when the database carries it into the ledger with this
   * moment and policy version (bookings_carry_consents). False or absent: nothing is kept.
   */
  async keepBookingConsents(
    manager: EntityManager,
    bookingId: string,
    consents?: BookingConsentsPayload,
  ): Promise<void> {
    const ledger = new ConsentsRepository(manager);
    const given: ConsentPurpose[] = [];
    if (consents?.recording === true) given.push('recording');
    if (consents?.supportReview === true) given.push('support_review');
    for (const purpose of given) {
      await ledger.keepBookingConsent(bookingId, purpose, CURRENT_PRIVACY_POLICY_VERSION);
      const action = consentAuditAction(purpose, true);
      await this.audit.record({ action, entityType: 'booking', entityId: bookingId, outcome: 'success' });
    }
  }

  /**
   * For the room (its recorder): whether each of `userIds` has a standing recording consent for
   * the consultation, now. Each person's answer is read in that person's own scope (socket work
   * acts with no clinic), so a user id that is not a participant of the consultation (a stranger,
   * the consultant of an invitation not accepted) reads nothing and answers false: deny by
   * default. Answers every id asked, false unless their latest answer is a grant. Opens one short
   * transaction per person: call it outside a DatabaseContext transaction (holding a pooled
   * connection while asking for another can starve the pool). Not audited: the room asks it as
   * often as people join. Subscribe to ConsentEvents for changes after the answer.
   */
  async recordingConsentOf(consultationId: string, userIds: readonly string[]): Promise<Map<string, boolean>> {
    const answers = new Map<string, boolean>();
    for (const userId of new Set(userIds)) {
      const granted = await this.db.run({ userId, clinicId: null }, (manager) =>
        new ConsentsRepository(manager).recordingStanding(consultationId, userId),
      );
      answers.set(userId, granted);
    }
    return answers;
  }

  private announce(change: ConsentChanged): void {
    try {
      this.events.emit('changed', change);
    } catch (error) {
      // The answer is committed; a listener's failure must not turn it into an error for the person.
      const facts = { err: loggableError(error), consultationId: change.consultationId };
      this.logger.error(facts, 'a consent listener failed');
    }
  }

  private async viewIn(manager: EntityManager, actor: Actor, participation: Participation): Promise<ConsentsView> {
    const standings = await new ConsentsRepository(manager).standings(participation.consultationId);
    return consentsViewOf(actor.userId, participation, standings, CURRENT_PRIVACY_POLICY_VERSION);
  }

  private event(actor: Actor, consultationId: string, action: string) {
    return { action, entityType: 'consultation', entityId: consultationId, actorUserId: actor.userId };
  }

  private async participation(
    manager: EntityManager,
    actor: Actor,
    consultationId: string,
    action: string,
  ): Promise<Participation> {
    const participation = await findParticipation(manager, actor.userId, consultationId);
    if (participation) return participation;
    await this.audit.recordIndependently({ ...this.event(actor, consultationId, action), outcome: 'denied' });
    throw new AppError(ErrorCode.NotFound, 'No such consultation.');
  }
}
