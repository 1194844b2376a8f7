import { Injectable } from '@nestjs/common';
import { ErrorCode, type RecoveryCodesView, type SecondFactorPayload, type SessionView, type TotpEnrollmentView } from '@vetmeet/contracts';
import { generateDataKey, MasterKeyRing } from '@vetmeet/crypto';
import type { EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../auth/actor';
import { AuthService } from '../auth/auth.service';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { DatabaseContext } from '../database/database-context';
import { RateLimits } from '../rate-limits/rate-limits';
import type { RateLimiter } from '../rate-limits/rate-limiter';
import { SessionsService } from '../sessions/sessions.service';
import { hashRecoveryCode, matchingTimeStep, newRecoveryCodes, totpFor } from './totp';

interface TotpState {
  email: string;
  totp_secret_wrapped: Buffer | null;
  totp_enabled_at: Date | null;
}

const secretContext = (userId: string) => `totp:${userId}`;

/**
 * Optional second factor: a TOTP authenticator, with single-use recovery codes. The secret
 * is stored wrapped by the master key ring; recovery codes only as hashes.
 */
@Injectable()
export class TwoFactorService {
  /** Guessing six digits: a handful of tries per session and per account. */
  private readonly attempts: RateLimiter;

  constructor(
    private readonly db: DatabaseContext,
    private readonly ring: MasterKeyRing,
    private readonly sessions: SessionsService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    limits: RateLimits,
  ) {
    this.attempts = limits.limiter({ name: 'second-factor.attempts', limit: 5, windowMs: 5 * 60 * 1000 });
  }

  enroll(actor: Actor): Promise<TotpEnrollmentView> {
    return this.db.runAs(actor, async (manager) => {
      const state = await this.state(manager, actor.userId);
      if (state.totp_enabled_at) throw new AppError(ErrorCode.SecondFactorState, 'Two-step sign-in is already on: switch it off first.');
      const secret = generateDataKey();
      await manager.query('UPDATE users SET totp_secret_wrapped = $1 WHERE id = $2', [this.ring.wrap(secret, secretContext(actor.userId)), actor.userId]);
      await this.audit.record({ action: 'account.second_factor.enroll', entityType: 'account', entityId: actor.userId, outcome: 'success' });
      const totp = totpFor(secret.export(), state.email);
      return { otpauthUri: totp.toString(), secretBase32: totp.secret.base32 };
    });
  }

  async enable(actor: Actor, code: string): Promise<RecoveryCodesView> {
    return this.proving(actor, async (manager) => {
      const state = await this.state(manager, actor.userId);
      if (state.totp_enabled_at || !state.totp_secret_wrapped) throw new AppError(ErrorCode.SecondFactorState);
      await this.checkCode(actor, state, { code }, manager);
      await manager.query('UPDATE users SET totp_enabled_at = now() WHERE id = $1', [actor.userId]);
      const recoveryCodes = await this.replaceRecoveryCodes(manager, actor.userId);
      await this.audit.record({ action: 'account.second_factor.enable', entityType: 'account', entityId: actor.userId, outcome: 'success' });
      return { recoveryCodes };
    });
  }

  async disable(actor: Actor, proof: SecondFactorPayload): Promise<void> {
    await this.proving(actor, async (manager) => {
      const state = await this.state(manager, actor.userId);
      if (!state.totp_enabled_at) throw new AppError(ErrorCode.SecondFactorState);
      await this.checkCode(actor, state, proof, manager);
      await manager.query('UPDATE users SET totp_secret_wrapped = NULL, totp_enabled_at = NULL WHERE id = $1', [actor.userId]);
      await manager.query('DELETE FROM recovery_codes WHERE user_id = $1', [actor.userId]);
      await this.audit.record({ action: 'account.second_factor.disable', entityType: 'account', entityId: actor.userId, outcome: 'success' });
    });
  }

  /**
   * Second step of sign-in, on a session whose password was checked. The signed-in session is a
   * new one with a new token (and so a new CSRF token); the half-signed-in one ends. A token
   * planted or seen before the second factor (session fixation) is worth nothing after it.
   */
  async completeSignIn(actor: Actor, proof: SecondFactorPayload): Promise<{ token: string; view: SessionView }> {
    await this.proving(actor, async (manager) => {
      const state = await this.state(manager, actor.userId);
      if (!state.totp_enabled_at) throw new AppError(ErrorCode.SecondFactorState);
      await this.checkCode(actor, state, proof, manager);
    });
    const { token, session } = await this.sessions.replaceAfterSecondFactor(actor);
    await this.audit.recordIndependently({
      action: 'account.sign_in.second_factor',
      entityType: 'session',
      entityId: session.sessionId,
      outcome: 'success',
    });
    return { token, view: await this.auth.describe(session) };
  }

  /**
   * Work that checks a second factor, in its own transaction: the attempt is counted before it
   * (a wrong code rolls the transaction back, never the count) and forgiven after a right one.
   */
  private async proving<T>(actor: Actor, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    await this.attempts.take(actor.userId);
    const result = await this.db.runAs(actor, work);
    await this.attempts.reset(actor.userId);
    return result;
  }

  private async checkCode(actor: Actor, state: TotpState, proof: SecondFactorPayload, manager: EntityManager): Promise<void> {
    if (proof.code && state.totp_secret_wrapped) {
      const secret = this.ring.unwrap(state.totp_secret_wrapped, secretContext(actor.userId)).export();
      const step = matchingTimeStep(totpFor(secret, state.email), proof.code);
      // A code works once, even within its 30 s: only a later step than the last accepted one passes.
      // The row lock orders two uses of one code on two nodes; the second finds the step taken.
      if (step !== null) {
        const [, accepted] = await manager.query(
          'UPDATE users SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)',
          [actor.userId, step],
        );
        if (accepted === 1) return;
      }
    } else if (proof.recoveryCode && state.totp_enabled_at) {
      const [, used] = await manager.query('UPDATE recovery_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL', [
        actor.userId,
        hashRecoveryCode(proof.recoveryCode),
      ]);
      if (used === 1) return;
    }
    await this.audit.recordIndependently({ action: 'account.second_factor.check', entityType: 'account', entityId: actor.userId, outcome: 'failure' });
    throw new AppError(ErrorCode.SecondFactorInvalid);
  }

  private async replaceRecoveryCodes(manager: EntityManager, userId: string): Promise<string[]> {
    const codes = newRecoveryCodes();
    await manager.query('DELETE FROM recovery_codes WHERE user_id = $1', [userId]);
    for (const code of codes) {
      await manager.query('INSERT INTO recovery_codes (id, user_id, code_hash) VALUES ($1, $2, $3)', [randomUUID(), userId, hashRecoveryCode(code)]);
    }
    return codes;
  }

  private async state(manager: EntityManager, userId: string): Promise<TotpState> {
    const [state] = await manager.query<TotpState[]>('SELECT email, totp_secret_wrapped, totp_enabled_at FROM users WHERE id = $1', [userId]);
    if (!state) throw new AppError(ErrorCode.Unauthenticated);
    return state;
  }
}
