import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { appDataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { DatabaseContext, type ActingScope } from '../../apps/api/src/database/database-context';
import { provisionRuntimeRole, runMigrations } from '../../apps/api/src/database/prepare-database';
import { TEST_RUNTIME_LOGIN } from './test-app';
import { createTestDatabase, type TestDatabase } from './test-database';

/** The scope a transaction of the runtime role acts in: this account, in this clinic or in none. */
export const asAppRole = (userId: string, clinicId: string | null = null): ActingScope => ({ userId, clinicId });

/** 'ok', or the SQLSTATE the statement failed with ('42501': refused by a grant or policy). */
export const sqlStateOf = (promise: Promise<unknown>): Promise<string | undefined> =>
  promise.then(
    () => 'ok',
    (error: { code?: string }) => error.code,
  );

/**
 * A migrated database for row-level-security specs: the schema owner writes the world as it is
 * (clinics, people, memberships), and `rows` reads and writes as the runtime role in a scope.
 */
export interface RlsDatabase {
  url: string;
  schemaOwner: Client;
  db: DatabaseContext;
  rows<T = Record<string, unknown>>(scope: ActingScope, sql: string, parameters?: unknown[]): Promise<T[]>;
  newClinic(id: string, name: string, fields?: { status?: string; applicant?: string }): Promise<void>;
  /** An adult account, its address confirmed unless told; its e-mail is `<name>@example.test`. */
  newPerson(id: string, name: string, options?: { verified?: boolean }): Promise<void>;
  newMember(clinicId: string, userId: string, role: string): Promise<void>;
  close(): Promise<void>;
}

export async function openRlsDatabase(): Promise<RlsDatabase> {
  const database: TestDatabase = await createTestDatabase();
  await runMigrations(database.url);
  const appUrl = await provisionRuntimeRole(database.url, TEST_RUNTIME_LOGIN);
  const schemaOwner = new Client({ connectionString: database.url });
  await schemaOwner.connect();
  const runtime = new DataSource(appDataSourceOptions(appUrl));
  await runtime.initialize();
  const db = new DatabaseContext(runtime);
  return {
    url: database.url,
    schemaOwner,
    db,
    rows: <T>(scope: ActingScope, sql: string, parameters: unknown[] = []) =>
      db.run(scope, (manager) => manager.query<T[]>(sql, parameters)),
    async newClinic(id, name, fields = {}) {
      await schemaOwner.query(
        `INSERT INTO clinics (id, name, status, applicant_user_id)
         VALUES ($1, $2, COALESCE($3::clinic_status, 'approved'), $4)`,
        [id, name, fields.status ?? null, fields.applicant ?? null],
      );
    },
    async newPerson(id, name, { verified = true } = {}) {
      await schemaOwner.query(
        `INSERT INTO users (id, email, email_verified_at, password_hash, display_name, country, time_zone,
           adult_confirmed_at, privacy_policy_version, privacy_policy_accepted_at)
         VALUES ($1, $2, $3, 'x', $4, 'UA', 'Europe/Kyiv', now(), '2026-11-01', now())`,
        [id, `${name}@example.test`, verified ? new Date() : null, name],
      );
    },
    async newMember(clinicId, userId, role) {
      await schemaOwner.query('INSERT INTO clinic_memberships (id, clinic_id, user_id, role) VALUES ($1, $2, $3, $4)', [
        randomUUID(),
        clinicId,
        userId,
        role,
      ]);
    },
    async close() {
      await runtime.destroy();
      await schemaOwner.end();
      await database.drop();
    },
  };
}
