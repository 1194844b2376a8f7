import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { ownerDataSourceOptions } from './data-source-options';

/** Role that owns no table and cannot bypass row-level security; see CreateRuntimeRoleAndRequestContext. */
export const RUNTIME_GROUP_ROLE = 'vetmeet_app';

/** Brings the schema up to date, as the role that owns it. */
export async function runMigrations(ownerUrl: string): Promise<void> {
  const dataSource = new DataSource(ownerDataSourceOptions(ownerUrl));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

/**
 * For local runs and tests, where we hold the owner's credentials: makes (or updates) a
 * login role in the runtime group and returns the URL to connect as it. Production gives
 * DATABASE_APP_URL instead, made by whoever runs the database.
 */
export async function provisionRuntimeRole(ownerUrl: string, login: { role: string; password: string }): Promise<string> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(login.role)) throw new Error(`Refusing an unusual role name: ${login.role}`);
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const options = `LOGIN PASSWORD %L NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE INHERIT`;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login.role]);
        const verb = exists.rowCount ? 'ALTER' : 'CREATE';
        const { rows } = await client.query<{ sql: string }>(`SELECT format('${verb} ROLE %I ${options}', $1::text, $2::text) AS sql`, [
          login.role,
          login.password,
        ]);
        await client.query(rows[0].sql);
        const grant = await client.query<{ sql: string }>(`SELECT format('GRANT ${RUNTIME_GROUP_ROLE} TO %I', $1::text) AS sql`, [login.role]);
        await client.query(grant.rows[0].sql);
        const database = await client.query<{ sql: string }>(`SELECT format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), $1::text) AS sql`, [login.role]);
        await client.query(database.rows[0].sql);
        break;
      } catch (error) {
        // Two test workers (or two nodes starting on one database) may create the same cluster-wide role,
        // or grant on it, at once ("tuple concurrently updated", XX000): the loser tries again.
        const code = (error as { code?: string }).code;
        if (attempt < 3 && (code === '42710' || code === '23505' || code === 'XX000')) continue;
        throw error;
      }
    }
  } finally {
    await client.end();
  }
  const url = new URL(ownerUrl);
  url.username = login.role;
  url.password = encodeURIComponent(login.password);
  return url.toString();
}
