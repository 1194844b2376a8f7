import { Injectable } from '@nestjs/common';
import { ErrorCode, type PlatformOperatorView } from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { AuditService, type AuditRecord } from '../audit/audit.service';
import { operatorEvent as platformEvent } from './operator-event';
import { AppError } from '../common/errors/app-error';
import { DatabaseContext, NOBODY } from '../database/database-context';
import { OperatorRecords, type OperatorGrant } from './operator-records';

export type { OperatorGrant };
type Acting = Pick<Actor, 'userId'>;

/** An event about the platform's operators. */
const operatorEvent = (action: string, outcome: AuditRecord['outcome'], userId?: string): AuditRecord =>
  platformEvent('platform_operator', action, outcome, userId);

/**
 * Who operates the platform. An operator grants and revokes operator to other accounts by
 * e-mail; the first one is granted from the shell (`npm run operator -- grant`), which runs this
 * service on the schema owner's connection, as nobody may grant it through the API. Every grant,
 * revocation and refusal is audited with the actor role 'operator' and no clinic.
 */
@Injectable()
export class OperatorsService {
  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
  ) {}

  /** Inside the caller's transaction: PLATFORM_OPERATOR_REQUIRED (audited) unless the actor is an operator. */
  async requireOperator(manager: EntityManager, actor: Acting, action: string): Promise<void> {
    if (await OperatorRecords.isOperator(manager)) return;
    const refusal = { action, entityType: 'platform', outcome: 'denied', clinicId: null } as const;
    await this.audit.recordIndependently({ ...refusal, actorUserId: actor.userId });
    throw new AppError(ErrorCode.PlatformOperatorRequired);
  }

  list(actor: Acting): Promise<PlatformOperatorView[]> {
    return this.asOperator(actor, 'operator.list', async (manager) => {
      const operators = await OperatorRecords.list(manager);
      await this.audit.record(operatorEvent('operator.list', 'success'));
      return operators;
    });
  }

  /**
   * Makes the account with this address an operator. `by` an operator: through row-level security
   * (platform_operator_grant). `by` null: the shell command's grant, which only the schema owner's
   * connection may make (the runtime role cannot write platform_operators).
   */
  async grant(email: string, by: Acting | null = null): Promise<OperatorGrant> {
    const work = async (manager: EntityManager): Promise<OperatorGrant> => {
      const outcome = by
        ? await OperatorRecords.grantAsOperator(manager, email)
        : await OperatorRecords.grantAsSchemaOwner(manager, email);
      if (!outcome) {
        await this.audit.recordIndependently(operatorEvent('operator.grant', 'failure'));
        const message = 'No account has this confirmed e-mail address: the person registers and confirms it first.';
        throw new AppError(ErrorCode.NotFound, message);
      }
      await this.audit.record(operatorEvent('operator.grant', 'success', outcome.userId));
      return outcome;
    };
    return by ? this.asOperator(by, 'operator.grant', work) : this.db.run(NOBODY, work);
  }

  /** Ends the account's operator role; the last operator stays (LAST_PLATFORM_OPERATOR). */
  revoke(actor: Acting, userId: string): Promise<void> {
    return this.asOperator(actor, 'operator.revoke', (manager) => this.revokeIn(manager, userId));
  }

  /** The shell command's revocation by address, on the schema owner's connection. */
  revokeByEmail(email: string): Promise<void> {
    return this.db.run(NOBODY, async (manager) => {
      const userId = await OperatorRecords.userIdOf(manager, email);
      if (!userId) throw new AppError(ErrorCode.NotFound, 'No account has this e-mail address.');
      await this.revokeIn(manager, userId);
    });
  }

  /** Work in a transaction as the actor, once the database says they are an operator; operators act in no clinic. */
  asOperator<T>(actor: Acting, action: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.runAs({ userId: actor.userId, clinicId: null }, async (manager) => {
      await this.requireOperator(manager, actor, action);
      return work(manager);
    });
  }

  private async revokeIn(manager: EntityManager, userId: string): Promise<void> {
    const refuse = async (code: ErrorCode, message?: string) => {
      await this.audit.recordIndependently(operatorEvent('operator.revoke', 'failure', userId));
      return new AppError(code, message);
    };
    if ((await OperatorRecords.countLocked(manager)) <= 1) throw await refuse(ErrorCode.LastPlatformOperator);
    if (!(await OperatorRecords.revoke(manager, userId))) {
      throw await refuse(ErrorCode.NotFound, 'This account is not an operator.');
    }
    await this.audit.record(operatorEvent('operator.revoke', 'success', userId));
  }
}
