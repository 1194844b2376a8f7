import type { PlatformOperatorView } from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';

export interface OperatorGrant {
  userId: string;
  /** False when the account was an operator already. */
  granted: boolean;
}

interface OperatorRow {
  user_id: string;
  email: string;
  display_name: string;
  granted_at: Date;
}

/** The SQL of platform_operators; each function runs in the transaction it is handed. */
export const OperatorRecords = {
  async isOperator(manager: EntityManager): Promise<boolean> {
    const [row] = await manager.query<{ operator: boolean }[]>('SELECT app_is_platform_operator() AS operator');
    return row.operator;
  },

  async list(manager: EntityManager): Promise<PlatformOperatorView[]> {
    const rows = await manager.query<OperatorRow[]>(
      `SELECT p.user_id, u.email, u.display_name, p.granted_at
         FROM platform_operators p JOIN users u ON u.id = p.user_id
        ORDER BY p.granted_at, p.user_id`,
    );
    return rows.map((row) => ({
      userId: row.user_id,
      email: row.email,
      displayName: row.display_name,
      grantedAt: row.granted_at.toISOString(),
    }));
  },

  /** As an operator (platform_operator_grant refuses anyone else): null when no account has the address. */
  async grantAsOperator(manager: EntityManager, email: string): Promise<OperatorGrant | null> {
    const sql = 'SELECT * FROM platform_operator_grant($1)';
    const [row] = await manager.query<{ user_id: string; granted: boolean }[]>(sql, [email]);
    return row ? { userId: row.user_id, granted: row.granted } : null;
  },

  /** As the schema owner (the shell command), past row-level security: the first operator has nobody to grant it. */
  async grantAsSchemaOwner(manager: EntityManager, email: string): Promise<OperatorGrant | null> {
    // Only a confirmed address, as platform_operator_grant: an unconfirmed one may be a squatter's.
    const confirmed = 'SELECT id FROM users WHERE email = $1 AND email_verified_at IS NOT NULL';
    const [account] = await manager.query<{ id: string }[]>(confirmed, [email]);
    const userId = account?.id;
    if (!userId) return null;
    const sql = 'INSERT INTO platform_operators (user_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING user_id';
    const inserted = await manager.query<unknown[]>(sql, [userId]);
    return { userId, granted: inserted.length > 0 };
  },

  async userIdOf(manager: EntityManager, email: string): Promise<string | null> {
    const [account] = await manager.query<{ id: string }[]>('SELECT id FROM users WHERE email = $1', [email]);
    return account?.id ?? null;
  },

  /** Counts them under a lock held to the end of the transaction, so two revocations at once cannot leave none. */
  async countLocked(manager: EntityManager): Promise<number> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('vetmeet.platform_operators'))`);
    const [row] = await manager.query<{ count: number }[]>('SELECT count(*)::int AS count FROM platform_operators');
    return row.count;
  },

  async revoke(manager: EntityManager, userId: string): Promise<boolean> {
    const sql = 'DELETE FROM platform_operators WHERE user_id = $1';
    const [, affected] = await manager.query<[unknown[], number]>(sql, [userId]);
    return affected > 0;
  },
};
