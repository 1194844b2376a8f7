import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';
import { ErrorCode, type SessionListItem } from '@vetmeet/contracts';
import type { Actor } from '../auth/actor';
import { hashSessionToken, newSessionToken } from '../auth/session-token';
import { AppError } from '../common/errors/app-error';
import { AuditService } from '../audit/audit.service';
import type { EntityManager } from 'typeorm';
import { DatabaseContext } from '../database/database-context';
import { SESSION_ABSOLUTE_TIMEOUT_MS, SESSION_IDLE_TIMEOUT_MS, SESSION_TOUCH_INTERVAL_MS } from './session-policy';

export interface LiveSession {
  sessionId: string;
  userId: string;
  absoluteExpiresAt: Date;
  /** Password checked, second factor still due. */
  secondFactorPending: boolean;
}

interface SessionRow {
  session_id: string;
  user_id: string;
  idle_expires_at: Date;
  absolute_expires_at: Date;
  revoked_at: Date | null;
  second_factor_pending: boolean;
}

export type SessionEndReason = 'signed_out' | 'revoked' | 'expired';

@Injectable()
export class SessionsService {
  /** Tells live connections (socket.io) that a session ended, so they close at once. */
  readonly events = new EventEmitter<{ ended: [{ sessionId: string; reason: SessionEndReason }] }>();

  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
  ) {}

  async open(
    userId: string,
    origin: { ip: string | null; userAgent: string | null },
    secondFactorPending = false,
  ): Promise<{ token: string; session: LiveSession }> {
    const token = newSessionToken();
    const now = Date.now();
    const session: LiveSession = { sessionId: randomUUID(), userId, absoluteExpiresAt: new Date(now + SESSION_ABSOLUTE_TIMEOUT_MS), secondFactorPending };
    await this.db.runAs({ userId, clinicId: null }, (manager) =>
      manager.query(
        `INSERT INTO sessions (id, user_id, token_hash, last_seen_at, idle_expires_at, absolute_expires_at, ip, user_agent, second_factor_pending)
         VALUES ($1, $2, $3, now(), $4, $5, $6, $7, $8)`,
        [
          session.sessionId,
          userId,
          hashSessionToken(token),
          new Date(now + SESSION_IDLE_TIMEOUT_MS),
          session.absoluteExpiresAt,
          origin.ip,
          origin.userAgent?.slice(0, 300) ?? null,
          secondFactorPending,
        ],
      ),
    );
    return { token, session };
  }

  /** The live session a cookie's token belongs to, or undefined for unknown, ended or expired ones. */
  async resolve(token: string): Promise<LiveSession | undefined> {
    if (token.length > 100) return undefined;
    const [row] = await this.db.runAs(null, (manager) => manager.query<SessionRow[]>('SELECT * FROM auth_session_for_token($1)', [hashSessionToken(token)]));
    const now = Date.now();
    if (!row || row.revoked_at || row.idle_expires_at.getTime() <= now || row.absolute_expires_at.getTime() <= now) return undefined;
    if (row.idle_expires_at.getTime() - now < SESSION_IDLE_TIMEOUT_MS - SESSION_TOUCH_INTERVAL_MS) {
      const idleExpiresAt = new Date(Math.min(now + SESSION_IDLE_TIMEOUT_MS, row.absolute_expires_at.getTime()));
      await this.db.runAs({ userId: row.user_id, clinicId: null }, (manager) =>
        manager.query('UPDATE sessions SET last_seen_at = now(), idle_expires_at = $2 WHERE id = $1', [row.session_id, idleExpiresAt]),
      );
    }
    return { sessionId: row.session_id, userId: row.user_id, absoluteExpiresAt: row.absolute_expires_at, secondFactorPending: row.second_factor_pending };
  }

  async liveSession(actor: Actor): Promise<LiveSession> {
    const [row] = await this.db.runAs(actor, (manager) =>
      manager.query<{ absolute_expires_at: Date; second_factor_pending: boolean }[]>(
        'SELECT absolute_expires_at, second_factor_pending FROM sessions WHERE id = $1',
        [actor.sessionId],
      ),
    );
    if (!row) throw new AppError(ErrorCode.Unauthenticated);
    return { sessionId: actor.sessionId, userId: actor.userId, absoluteExpiresAt: row.absolute_expires_at, secondFactorPending: row.second_factor_pending };
  }

  /**
   * The second factor checked out: the half-signed-in session ends and a new one, with a new
   * token, may do what its person may. It keeps the old one's absolute expiry (its lifetime
   * counts from the password) and origin. Only one completion of a pending session wins.
   */
  async replaceAfterSecondFactor(actor: Actor): Promise<{ token: string; session: LiveSession }> {
    const token = newSessionToken();
    const session = await this.db.runAs(actor, async (manager) => {
      type Ended = { absolute_expires_at: Date; ip: string | null; user_agent: string | null };
      const [[pending]] = await manager.query<[Ended[], number]>(
        `UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL AND second_factor_pending
         RETURNING absolute_expires_at, host(ip) AS ip, user_agent`,
        [actor.sessionId],
      );
      if (!pending) throw new AppError(ErrorCode.SecondFactorState);
      const replacement: LiveSession = {
        sessionId: randomUUID(),
        userId: actor.userId,
        absoluteExpiresAt: pending.absolute_expires_at,
        secondFactorPending: false,
      };
      await manager.query(
        `INSERT INTO sessions
           (id, user_id, token_hash, last_seen_at, idle_expires_at, absolute_expires_at, ip, user_agent)
         VALUES ($1, $2, $3, now(), LEAST(now() + $4 * interval '1 millisecond', $5), $5, $6, $7)`,
        [
          replacement.sessionId,
          actor.userId,
          hashSessionToken(token),
          SESSION_IDLE_TIMEOUT_MS,
          replacement.absoluteExpiresAt,
          pending.ip,
          pending.user_agent,
        ],
      );
      return replacement;
    });
    this.announceEnded([actor.sessionId], 'revoked');
    return { token, session };
  }

  list(actor: Actor): Promise<SessionListItem[]> {
    return this.db.runAs(actor, async (manager) => {
      const rows = await manager.query<{ id: string; created_at: Date; last_seen_at: Date; ip: string | null; user_agent: string | null }[]>(
        `SELECT id, created_at, last_seen_at, host(ip) AS ip, user_agent FROM sessions
          WHERE revoked_at IS NULL AND idle_expires_at > now() AND absolute_expires_at > now() ORDER BY last_seen_at DESC`,
      );
      await this.audit.record({ action: 'session.list', entityType: 'account', entityId: actor.userId, outcome: 'success' });
      return rows.map((row) => ({
        id: row.id,
        current: row.id === actor.sessionId,
        createdAt: row.created_at.toISOString(),
        lastSeenAt: row.last_seen_at.toISOString(),
        ip: row.ip,
        userAgent: row.user_agent,
      }));
    });
  }

  /** Ends one of the actor's own sessions; another person's id is "not found". */
  async revoke(actor: Actor, sessionId: string, reason: SessionEndReason = 'revoked'): Promise<void> {
    const [, ended] = await this.db.runAs(actor, (manager) =>
      manager.query('UPDATE sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL', [sessionId]),
    );
    if (ended === 0) throw new AppError(ErrorCode.NotFound, 'No such session.');
    this.announceEnded([sessionId], reason);
  }

  /**
   * Ends every live session of a person inside the caller's transaction (a password reset),
   * returning their ids: announce them with announceEnded() once that transaction committed.
   */
  async endAllWithin(manager: EntityManager, userId: string): Promise<string[]> {
    const [ended] = await manager.query<[{ id: string }[], number]>('UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL RETURNING id', [userId]);
    return ended.map((row) => row.id);
  }

  /** Tells live connections (socket.io) that these sessions ended, so they close at once. */
  announceEnded(sessionIds: string[], reason: SessionEndReason): void {
    for (const sessionId of sessionIds) this.events.emit('ended', { sessionId, reason });
  }
}
