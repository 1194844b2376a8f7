import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../support/free-port';
import { validProductionSettings } from '../../apps/api/src/config/testing/production-settings';
import { BUILT_SERVER, startBuiltServer, type RunningServer } from '../support/built-server';



async function waitForHealth(port: number, running: RunningServer, timeoutMs = 30_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null) throw new Error(`server exited early:\n${running.output()}`);
    const response = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
    if (response?.ok) return (await response.json()) as Record<string, unknown>;
    await new Promise((wait) => setTimeout(wait, 200));
  }
  throw new Error(`no green /health within ${timeoutMs} ms:\n${running.output()}`);
}

describe('the server process (as npm start runs it)', () => {
  let dataRoot: string;

  beforeAll(() => {
    if (!existsSync(BUILT_SERVER)) throw new Error(`${BUILT_SERVER} is missing: npm test builds it before the tests run`);
    dataRoot = mkdtempSync('/tmp/vetmeet-lifecycle-');
    chmodSync(dataRoot, 0o711);
  });
  afterAll(() => rmSync(dataRoot, { recursive: true, force: true }));

  it('starts on an embedded PostgreSQL with no settings, stops cleanly on SIGTERM, and keeps its data', async () => {
    const env = async () => ({
      DATA_DIR: join(dataRoot, 'data'),
      PORT: String(await freePort()),
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      MEDIA_RTC_PORT: String(await freePort()),
      MEDIA_WORKERS: '1',
      DEV_SMTP_PORT: String(await freePort()),
    });
    const firstEnv = await env();
    const first = startBuiltServer(firstEnv);
    await expect(waitForHealth(Number(firstEnv.PORT), first)).resolves.toMatchObject({ status: 'ok' });
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/Migration EnablePostgresExtensions\d+ has been executed successfully/);
    expect(first.output()).toContain('"msg":"stopped"');
    expect(existsSync(join(dataRoot, 'data', 'postgres', 'postmaster.pid'))).toBe(false);
    expect(existsSync(join(dataRoot, 'data', 'local-secrets.json'))).toBe(true);

    // The same data folder again: the cluster, its password and the migrated schema are reused.
    const secondEnv = await env();
    const second = startBuiltServer(secondEnv);
    await expect(waitForHealth(Number(secondEnv.PORT), second)).resolves.toMatchObject({ status: 'ok' });
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    expect(second.output()).not.toMatch(/EnablePostgresExtensions/);
  });

  it('refuses to start with a bad setting, naming it, without a stack trace', async () => {
    const running = startBuiltServer({ PORT: 'eighty', DATA_DIR: join(dataRoot, 'never') });
    expect(await running.exited).toBe(1);
    expect(running.output()).toContain('PORT: must be an integer number (got "eighty")');
    expect(running.output()).not.toMatch(/\n\s+at /);
    expect(existsSync(join(dataRoot, 'never'))).toBe(false);
  });

  it('refuses the development media loopback in production', async () => {
    const running = startBuiltServer({ ...validProductionSettings, DEV_MEDIA_LOOPBACK: 'true', DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:1/none' });
    expect(await running.exited).toBe(1);
    expect(running.output()).toContain('DEV_MEDIA_LOOPBACK: must be false in production');
  });
});
