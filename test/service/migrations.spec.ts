import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { migrations } from '../../apps/api/src/database/migrations';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('database migrations', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource(dataSourceOptions(database.url));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('runs every migration at start on an empty database, in order', async () => {
    const applied: { name: string }[] = await dataSource.query('SELECT name FROM migrations ORDER BY id');
    expect(applied.map((row) => row.name)).toEqual(migrations.map((migration) => migration.name));
  });

  it('installs the extensions the schema relies on', async () => {
    const rows: { extname: string }[] = await dataSource.query('SELECT extname FROM pg_extension');
    expect(rows.map((row) => row.extname)).toEqual(expect.arrayContaining(['btree_gist', 'citext']));
  });

  it('is a no-op when started again on a migrated database', async () => {
    const again = new DataSource(dataSourceOptions(database.url));
    await again.initialize();
    const applied: unknown[] = await again.query('SELECT name FROM migrations');
    await again.destroy();
    expect(applied).toHaveLength(migrations.length);
  });

  it('never synchronizes the schema from entities', () => {
    expect(dataSource.options.synchronize).toBe(false);
    expect(dataSource.options.migrationsRun).toBe(true);
  });

  it('can be reverted step by step', async () => {
    const reverting = new DataSource({ ...dataSourceOptions(database.url), migrationsRun: false });
    await reverting.initialize();
    for (let step = 0; step < migrations.length; step += 1) await reverting.undoLastMigration();
    const rows: { extname: string }[] = await reverting.query('SELECT extname FROM pg_extension');
    expect(rows.map((row) => row.extname)).not.toContain('citext');
    await reverting.runMigrations();
    await reverting.destroy();
  });
});
