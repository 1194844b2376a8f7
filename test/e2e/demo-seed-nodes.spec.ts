import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import type { ConsultantDirectoryPage, DemoSignInsView } from '@vetmeet/contracts';
import { Client } from 'pg';
import request from 'supertest';
import { runMigrations } from '../../apps/api/src/database/prepare-database';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(120_000);

/** Two app nodes starting at once on one empty database, with the demo on (a rolling first deploy). */
describe('the demo seed on two nodes starting at once', () => {
  let database: TestDatabase;
  let dataDir: string;
  const nodes: TestApp[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    await runMigrations(database.url);
    dataDir = mkdtempSync('/tmp/vetmeet-demo-nodes-');
    chmodSync(dataDir, 0o711);
  });
  afterAll(async () => {
    for (const node of nodes) await node.close();
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds once: one Demo clinic, two consultants, and both nodes show the same sign-ins', async () => {
    const settings = { DEMO_DATA: 'on', DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const started = await Promise.allSettled([0, 1].map(() => startTestApp(settings, { database })));
    // Both are closed after the test, even when one failed to start.
    for (const node of started) if (node.status === 'fulfilled') nodes.push(node.value);
    for (const node of started) if (node.status === 'rejected') throw node.reason;

    const owner = new Client({ connectionString: database.url });
    await owner.connect();
    try {
      const demoClinics = "SELECT count(*) AS clinics FROM clinics WHERE name = 'Demo clinic'";
      const { rows } = await owner.query<{ clinics: string }>(demoClinics);
      expect(rows[0].clinics).toBe('1');
    } finally {
      await owner.end();
    }
    const directory = (await request(nodes[1].baseUrl).get('/api/consultants').expect(200))
      .body as ConsultantDirectoryPage;
    expect(directory.items.map((item) => item.displayName).sort()).toEqual(['Dr. Ana Demo', 'Dr. Ben Demo']);
    const signInsOf = async (node: TestApp) =>
      ((await request(node.baseUrl).get('/api/dev/demo-sign-ins').expect(200)).body as DemoSignInsView).accounts;
    const [first, second] = await Promise.all(nodes.map(signInsOf));
    expect(first).toHaveLength(5);
    expect(second).toEqual(first);
  });
});
