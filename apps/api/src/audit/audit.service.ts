import { Injectable, Logger } from '@nestjs/common';
import { loggableError } from '../common/errors/loggable-error';
import { RequestContext } from '../common/request/request-context';
import { DatabaseContext, type ActingScope } from '../database/database-context';
import type { AuditOutcome } from './audit-event.entity';

export interface AuditRecord {
  /** dot.separated verb, e.g. account.sign_in, pet.read, pet.update, attachment.download. */
  action: string;
  entityType: string;
  entityId?: string | null;
  outcome: `${AuditOutcome}`;
  /** The tenant whose data it concerns; defaults to the clinic the actor acts in. */
  clinicId?: string | null;
  /** Who acted, when nobody is signed in yet (a sign-in attempt names the account it tried). */
  actorUserId?: string | null;
  /** The role acted in, when it is not a clinic's: 'operator' for the platform's operators. */
  actorRole?: 'operator';
}

/**
 * Writes audit events: who (from the request), what, on which record, with what outcome,
 * from where, under which request id — never the data itself. Successes join the request's
 * transaction, so a rolled-back change leaves no "success" behind; failures and denials are
 * written in their own transaction, so they survive the request failing.
 */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(private readonly db: DatabaseContext) {}

  async record(event: AuditRecord): Promise<void> {
    if (event.outcome === 'success' && this.db.scope()) {
      await this.insert(event);
      return;
    }
    await this.recordIndependently(event);
  }

  /**
   * In a transaction of its own, e.g. for a denial whose request is about to fail. Asked inside
   * the request's transaction, it is written as soon as that one is over (before the request
   * answers), so a request never holds two pooled connections at once.
   */
  async recordIndependently(event: AuditRecord): Promise<void> {
    const facts = RequestContext.current();
    const scope: ActingScope = { userId: facts.actor?.userId ?? event.actorUserId ?? null, clinicId: event.clinicId ?? facts.actor?.clinicId ?? null };
    const write = async () => {
      try {
        await this.db.run(scope, () => this.insert(event));
      } catch (error) {
        // Losing an audit event must be loud: it is a compliance failure, not a detail.
        this.logger.error({ err: loggableError(error), action: event.action, requestId: facts.requestId }, 'could not write audit event');
        throw error;
      }
    };
    if (!this.db.afterTransaction(write)) await write();
  }

  private async insert(event: AuditRecord): Promise<void> {
    const facts = RequestContext.current();
    const actor = facts.actor;
    await this.db.manager().query(
      `INSERT INTO audit_events (clinic_id, actor_user_id, actor_role, action, entity_type, entity_id, outcome, ip, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        // The transaction's clinic, which row-level security holds the event to.
        event.clinicId ?? this.db.scope()?.clinicId ?? null,
        actor?.userId ?? event.actorUserId ?? null,
        event.actorRole ?? (actor ? (actor.platformOperator ? 'operator' : actor.roles.join(',') || 'owner') : null),
        event.action,
        event.entityType,
        event.entityId ?? null,
        event.outcome,
        facts.ip,
        facts.requestId,
      ],
    );
  }
}
