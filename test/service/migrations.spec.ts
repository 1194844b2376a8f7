import { DataSource } from 'typeorm';
import { appDataSourceOptions, ownerDataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { migrations } from '../../apps/api/src/database/migrations';
import { runMigrations } from '../../apps/api/src/database/prepare-database';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

describe('database migrations', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    await runMigrations(database.url);
    dataSource = new DataSource(ownerDataSourceOptions(database.url));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  it('runs every migration on an empty database, in order', async () => {
    const applied: { name: string }[] = await dataSource.query('SELECT name FROM migrations ORDER BY id');
    expect(applied.map((row) => row.name)).toEqual(migrations.map((migration) => new migration().name));
  });

  it('leaves nothing between the entities and the schema: migrations are complete', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('installs the extensions the schema relies on', async () => {
    const rows: { extname: string }[] = await dataSource.query('SELECT extname FROM pg_extension');
    expect(rows.map((row) => row.extname)).toEqual(expect.arrayContaining(['btree_gist', 'citext']));
  });

  it('is a no-op when run again on a migrated database', async () => {
    await runMigrations(database.url);
    const applied: unknown[] = await dataSource.query('SELECT name FROM migrations');
    expect(applied).toHaveLength(migrations.length);
  });

  it('never synchronizes the schema from entities, and the app itself runs no migrations', () => {
    expect(ownerDataSourceOptions(database.url)).toMatchObject({ synchronize: false, migrationsRun: false });
    expect(appDataSourceOptions(database.url)).toMatchObject({ synchronize: false, migrationsRun: false, migrations: [] });
  });

  it('can be reverted step by step and applied again', async () => {
    for (let step = 0; step < migrations.length; step += 1) await dataSource.undoLastMigration({ transaction: 'each' });
    const tables: unknown[] = await dataSource.query("SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'");
    expect(tables).toEqual([]);
    await runMigrations(database.url);
    const applied: unknown[] = await dataSource.query('SELECT name FROM migrations');
    expect(applied).toHaveLength(migrations.length);
  });
});
