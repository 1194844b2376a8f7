import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgresServer } from '../../apps/api/src/database/embedded-postgres';
import { freePort } from '../support/free-port';

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe(EmbeddedPostgresServer.name, () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync('/tmp/vetmeet-embedded-pg-');
    chmodSync(root, 0o711);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('keeps its data in the data folder across a restart', async () => {
    const options = { dataDir: join(root, 'cluster'), port: await freePort(), superuserPassword: 'first-password' };
    const first = await EmbeddedPostgresServer.start(options);
    await first.ensureDatabase('vetmeet');
    await query(first.connectionUrl('vetmeet'), "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('still here')");
    await first.stop();

    const second = await EmbeddedPostgresServer.start({ ...options, port: await freePort() });
    try {
      await second.ensureDatabase('vetmeet');
      expect(await query(second.connectionUrl('vetmeet'), 'SELECT note FROM kept')).toEqual([{ note: 'still here' }]);
    } finally {
      await second.stop();
    }
  });

  it('accepts only its password and listens on loopback only', async () => {
    const port = await freePort();
    const server = await EmbeddedPostgresServer.start({ dataDir: join(root, 'auth'), port, superuserPassword: 'the-right-one' });
    try {
      await expect(query(`postgres://postgres:wrong@127.0.0.1:${port}/postgres`, 'SELECT 1')).rejects.toThrow(/password authentication failed/);
      const [setting] = (await query(server.connectionUrl(), 'SHOW listen_addresses')) as { listen_addresses: string }[];
      expect(setting.listen_addresses).toBe('127.0.0.1');
    } finally {
      await server.stop();
    }
  });

  it('explains why it could not start instead of hanging', async () => {
    const port = await freePort();
    const running = await EmbeddedPostgresServer.start({ dataDir: join(root, 'busy'), port, superuserPassword: 'pw' });
    try {
      // A second server on the same data folder must fail fast with PostgreSQL's own reason.
      await expect(EmbeddedPostgresServer.start({ dataDir: join(root, 'busy'), port: await freePort(), superuserPassword: 'pw' })).rejects.toThrow(
        /did not start[\s\S]*lock file/,
      );
    } finally {
      await running.stop();
    }
  });
});
