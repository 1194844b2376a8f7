import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ownerDataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { runMigrations } from '../../apps/api/src/database/prepare-database';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const MIGRATION = 'OnboardClinicsThroughPlatformOperators1796800100000';

/** Clinics made before onboarding existed keep working: the migration approves them; new ones start pending. */
describe('the clinic onboarding migration', () => {
  let database: TestDatabase;
  let owner: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    await runMigrations(database.url);
    owner = new DataSource(ownerDataSourceOptions(database.url));
    await owner.initialize();
  });
  afterAll(async () => {
    await owner?.destroy();
    await database?.drop();
  });

  it('approves the clinics that exist, and makes pending the default for new ones', async () => {
    // Back to before it (and whatever came after it), as a database of an older release is.
    const applied = async () =>
      (await owner.query<unknown[]>('SELECT 1 FROM migrations WHERE name = $1', [MIGRATION])).length > 0;
    while (await applied()) await owner.undoLastMigration({ transaction: 'each' });
    const before = randomUUID();
    await owner.query(`INSERT INTO clinics (id, name) VALUES ($1, 'Made by hand')`, [before]);
    await runMigrations(database.url);
    const after = randomUUID();
    await owner.query(`INSERT INTO clinics (id, name) VALUES ($1, 'Applied')`, [after]);
    const rows = await owner.query<{ id: string; status: string; time_zone: string }[]>(
      'SELECT id, status, time_zone FROM clinics WHERE id = ANY($1::uuid[])',
      [[before, after]],
    );
    expect(rows.sort((a, b) => (a.id === before ? -1 : b.id === before ? 1 : 0))).toEqual([
      { id: before, status: 'approved', time_zone: 'UTC' },
      { id: after, status: 'pending', time_zone: 'UTC' },
    ]);
  });
});
