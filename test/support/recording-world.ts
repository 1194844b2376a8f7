import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MasterKeyRing } from '@vetmeet/crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { appDataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { DatabaseContext, type ActingScope } from '../../apps/api/src/database/database-context';
import { provisionRuntimeRole, runMigrations } from '../../apps/api/src/database/prepare-database';
import { RecordingWriter } from '../../apps/api/src/recordings/recording-writer';
import { RecordingsRepository } from '../../apps/api/src/recordings/recordings.repository';
import { LocalDiskStorage } from '../../apps/api/src/storage/local-disk-storage';
import { TEST_RUNTIME_LOGIN } from './test-app';
import { createTestDatabase, type TestDatabase } from './test-database';

const PEOPLE = [
  'owner',
  'otherOwner',
  'consultant',
  'otherConsultant',
  'support',
  'admin',
  'otherAdmin',
  'otherSupport',
] as const;
type Person = (typeof PEOPLE)[number];

/**
 * Service-test world for recordings: a fresh database migrated as production's, clinic A (a
 * consultant, a colleague, support staff, an admin) and clinic B (an admin, support staff), two
 * owners, a consultation in A between the owner and the consultant, the runtime role's
 * DatabaseContext, a local object store and the recorder's writer on them.
 */
export interface RecordingWorld {
  database: TestDatabase;
  schemaOwner: Client;
  db: DatabaseContext;
  writer: RecordingWriter;
  repository: RecordingsRepository;
  storage: LocalDiskStorage;
  keyRing: MasterKeyRing;
  clinicA: string;
  clinicB: string;
  people: Record<Person, string>;
  consultation: string;
  /** The acting scope of a person: staff in their own clinic, owners in none. */
  as(person: Person): ActingScope;
  /** The person records their answer in the consent ledger, as the app's runtime role. */
  consent(person: 'owner' | 'consultant', purpose: 'recording' | 'support_review', granted: boolean): Promise<void>;
  close(): Promise<void>;
}

export async function createRecordingWorld(): Promise<RecordingWorld> {
  const database = await createTestDatabase();
  await runMigrations(database.url);
  const appUrl = await provisionRuntimeRole(database.url, TEST_RUNTIME_LOGIN);
  const schemaOwner = new Client({ connectionString: database.url });
  await schemaOwner.connect();
  const [clinicA, clinicB] = [randomUUID(), randomUUID()];
  const clinicSql = `INSERT INTO clinics (id, name, status) VALUES ($1, 'Clinic A', 'approved'), ($2, 'Clinic B', 'approved')`;
  await schemaOwner.query(clinicSql, [clinicA, clinicB]);
  const names = PEOPLE;
  const people = Object.fromEntries(names.map((name) => [name, randomUUID()])) as Record<Person, string>;
  for (const name of names) {
    await schemaOwner.query(
      `INSERT INTO users (id, email, email_verified_at, password_hash, display_name, country, time_zone,
         adult_confirmed_at, privacy_policy_version, privacy_policy_accepted_at)
       VALUES ($1, $2, now(), 'x', $3, 'UA', 'Europe/Kyiv', now(), '2026-01', now())`,
      [people[name], `${name.toLowerCase()}-${people[name].slice(0, 8)}@example.test`, name],
    );
  }
  const clinicOf: Partial<Record<Person, [string, string]>> = {
    consultant: [clinicA, 'consultant'],
    otherConsultant: [clinicA, 'consultant'],
    support: [clinicA, 'support'],
    admin: [clinicA, 'clinic_admin'],
    otherAdmin: [clinicB, 'clinic_admin'],
    otherSupport: [clinicB, 'support'],
  };
  for (const [name, membership] of Object.entries(clinicOf)) {
    const sql = 'INSERT INTO clinic_memberships (id, clinic_id, user_id, role) VALUES ($1, $2, $3, $4)';
    await schemaOwner.query(sql, [randomUUID(), membership[0], people[name as Person], membership[1]]);
  }
  const pet = randomUUID();
  const petSql = `INSERT INTO pets (id, owner_id, name, species) VALUES ($1, $2, 'Rex', 'dog')`;
  await schemaOwner.query(petSql, [pet, people.owner]);
  const consultation = randomUUID();
  await schemaOwner.query(
    `INSERT INTO consultations (id, clinic_id, owner_id, pet_id, consultant_id, starts_at, ends_at, status)
     VALUES ($1, $2, $3, $4, $5, now(), now() + interval '30 minutes', 'in_progress')`,
    [consultation, clinicA, people.owner, pet, people.consultant],
  );

  const runtime = new DataSource(appDataSourceOptions(appUrl));
  await runtime.initialize();
  const db = new DatabaseContext(runtime);
  const storage = new LocalDiskStorage(mkdtempSync(join(tmpdir(), 'vetmeet-recordings-')));
  await storage.onModuleInit();
  const keyRing = MasterKeyRing.fromConfig(`test1:${Buffer.alloc(32, 1).toString('base64')}`);
  const repository = new RecordingsRepository();
  const writer = new RecordingWriter(db, repository, keyRing, storage);
  const as = (person: Person): ActingScope => ({ userId: people[person], clinicId: clinicOf[person]?.[0] ?? null });
  return {
    database,
    schemaOwner,
    db,
    writer,
    repository,
    storage,
    keyRing,
    clinicA,
    clinicB,
    people,
    consultation,
    as,
    consent: (person, purpose, granted) =>
      db.run({ userId: people[person], clinicId: null }, (manager) =>
        manager.query(
          `INSERT INTO consultation_consents (consultation_id, user_id, purpose, granted, policy_version)
           VALUES ($1, $2, $3, $4, '2026-11-01')`,
          [consultation, people[person], purpose, granted],
        ),
      ).then(() => undefined),
    close: async () => {
      await runtime.destroy();
      await schemaOwner.end();
      await database.drop();
    },
  };
}
