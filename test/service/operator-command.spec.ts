import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { verifyAuditChain } from '../../apps/api/src/audit/audit-chain';
import { runMigrations } from '../../apps/api/src/database/prepare-database';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** `npm run operator -- grant|revoke`, the shell's way to the first operator, as the schema owner and audited. */
describe('the operator command', () => {
  let database: TestDatabase;
  let owner: Client;
  const [first, second, squatter] = [randomUUID(), randomUUID(), randomUUID()];

  const command = (...args: string[]) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const script = ['-r', './bench/sfu/register-ts.cjs', 'apps/api/src/operators/cli/operator.ts'];
      const env = { ...process.env, DATABASE_URL: database.url, NODE_ENV: 'test' };
      const child = spawn(process.execPath, [...script, ...args], { env });
      let out = '';
      let err = '';
      child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
      child.stderr.setEncoding('utf8').on('data', (text: string) => (err += text));
      child.once('close', (code) => resolve({ code, out, err }));
    });
  const operators = async () => {
    const sql = 'SELECT user_id FROM platform_operators ORDER BY granted_at';
    const { rows } = await owner.query<{ user_id: string }>(sql);
    return rows.map((row) => row.user_id);
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    await runMigrations(database.url);
    owner = new Client({ connectionString: database.url });
    await owner.connect();
    for (const [id, email] of [[first, 'first@example.test'], [second, 'second@example.test']]) {
      await owner.query(
        `INSERT INTO users (id, email, email_verified_at, password_hash, display_name, country, time_zone,
           adult_confirmed_at, privacy_policy_version, privacy_policy_accepted_at)
         VALUES ($1, $2, now(), 'x', 'Op', 'UA', 'Europe/Kyiv', now(), '2026-01', now())`,
        [id, email],
      );
    }
    // Anyone may register any address; until its owner confirms it, it proves nothing.
    await owner.query(
      `INSERT INTO users (id, email, password_hash, display_name, country, time_zone,
         adult_confirmed_at, privacy_policy_version, privacy_policy_accepted_at)
       VALUES ($1, 'unconfirmed@example.test', 'x', 'Op', 'UA', 'Europe/Kyiv', now(), '2026-01', now())`,
      [squatter],
    );
  });
  afterAll(async () => {
    await owner?.end();
    await database?.drop();
  });

  it('grants the first operator from the shell, idempotently, and audits it in the chain', async () => {
    const granted = await command('grant', 'first@example.test');
    expect(granted).toMatchObject({ code: 0, out: 'first@example.test is now a platform operator\n' });
    const again = await command('grant', 'FIRST@example.test');
    expect(again).toMatchObject({ code: 0, out: 'FIRST@example.test was a platform operator already\n' });
    expect(await operators()).toEqual([first]);
    const sql = 'SELECT action, actor_role, entity_id, outcome FROM audit_events ORDER BY chain_seq';
    const events = (await owner.query(sql)).rows;
    expect(events).toEqual([
      { action: 'operator.grant', actor_role: 'operator', entity_id: first, outcome: 'success' },
      { action: 'operator.grant', actor_role: 'operator', entity_id: first, outcome: 'success' },
    ]);
    expect((await verifyAuditChain(owner)).firstBrokenAt).toBeUndefined();
  });

  it('refuses an unknown address or a bad command, and keeps the last operator', async () => {
    const refusal = (code: number, text: string) => ({ code, err: expect.stringContaining(text) });
    expect(await command('grant', 'nobody@example.test')).toMatchObject(refusal(1, 'NOT_FOUND'));
    expect(await command('promote', 'first@example.test')).toMatchObject(refusal(2, 'usage'));
    expect(await command('grant', 'not-an-address')).toMatchObject({ code: 2 });
    expect(await command('revoke', 'first@example.test')).toMatchObject(refusal(1, 'LAST_PLATFORM_OPERATOR'));
    expect(await command('grant', 'second@example.test')).toMatchObject({ code: 0 });
    const revoked = await command('revoke', 'first@example.test');
    expect(revoked).toMatchObject({ code: 0, out: 'first@example.test is no longer a platform operator\n' });
    expect(await operators()).toEqual([second]);
  });

  it('grants no account whose address is unconfirmed: whoever registered it first would become an operator', async () => {
    const refused = await command('grant', 'unconfirmed@example.test');
    expect(refused).toMatchObject({ code: 1, err: expect.stringContaining('NOT_FOUND') });
    expect(await operators()).not.toContain(squatter);
  });
});
