import { Injectable } from '@nestjs/common';
import { ErrorCode, type PlatformOperatorView } from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { DatabaseContext, NOBODY } from '../database/database-context';
import { OperatorRecords } from './operator-records';

export interface OperatorGrant {
  userId: string;
  /** False when the account was an operator already. */
  granted: boolean;
}

type Acting = Pick<Actor, 'userId'>;

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
    await this.audit.recordIndependently({ action, entityType: 'platform', outcome: 'denied', clinicId: null, actorUserId: actor.userId });
    throw new AppError(ErrorCode.PlatformOperatorRequired);
  }

  /** Whether the person is an operator (the session's answer, for the web's navigation). */
  isOperator(actor: Acting): Promise<boolean> {
    return this.db.runAs({ userId: actor.userId, clinicId: null }, (manager) => OperatorRecords.isOperator(manager));
  }

  list(actor: Acting): Promise<PlatformOperatorView[]> {
    return this.asOperator(actor, 'operator.list', async (manager) => {
      const operators = await OperatorRecords.list(manager);
      await this.audit.record({ action: 'operator.list', entityType: 'platform_operator', outcome: 'success', clinicId: null, actorRole: 'operator' });
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
      const outcome = by ? await OperatorRecords.grantAsOperator(manager, email) : await OperatorRecords.grantAsSchemaOwner(manager, email);
      if (!outcome) {
        await this.audit.recordIndependently({ action: 'operator.grant', entityType: 'platform_operator', outcome: 'failure', clinicId: null, actorRole: 'operator' });
        throw new AppError(ErrorCode.NotFound, 'No account has this e-mail address: the person registers first.');
      }
      await this.audit.record({ action: 'operator.grant', entityType: 'platform_operator', entityId: outcome.userId, outcome: 'success', clinicId: null, actorRole: 'operator' });
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

  private async revokeIn(manager: EntityManager, userId: string): Promise<void> {
    const refuse = async (code: ErrorCode, message?: string) => {
      await this.audit.recordIndependently({ action: 'operator.revoke', entityType: 'platform_operator', entityId: userId, outcome: 'failure', clinicId: null, actorRole: 'operator' });
      return new AppError(code, message);
    };
    if ((await OperatorRecords.countLocked(manager)) <= 1) throw await refuse(ErrorCode.LastPlatformOperator);
    if (!(await OperatorRecords.revoke(manager, userId))) throw await refuse(ErrorCode.NotFound, 'This account is not an operator.');
    await this.audit.record({ action: 'operator.revoke', entityType: 'platform_operator', entityId: userId, outcome: 'success', clinicId: null, actorRole: 'operator' });
  }

  /** Work in a transaction as the actor, once the database says they are an operator; operators act in no clinic. */
  asOperator<T>(actor: Acting, action: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.runAs({ userId: actor.userId, clinicId: null }, async (manager) => {
      await this.requireOperator(manager, actor, action);
      return work(manager);
    });
  }
}
