import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from './app-config';
import { loadConfig } from './load-config';
import { validProductionSettings } from './testing/production-settings';
import { loadOrCreateLocalSecrets, withLocalSecrets } from './local-secrets';

describe(loadOrCreateLocalSecrets.name, () => {
  it('generates secrets once, keeps them private, and returns the same ones afterwards', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'vetmeet-secrets-')), 'data');
    const first = loadOrCreateLocalSecrets(dataDir);
    const second = loadOrCreateLocalSecrets(dataDir);

    expect(second).toEqual(first);
    expect(first.sessionSecret.length).toBeGreaterThanOrEqual(32);
    expect(first.embeddedPostgresPassword).not.toEqual(first.sessionSecret);
    const file = join(dataDir, 'local-secrets.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(first);
  });

  it('gives every new data folder its own secrets', () => {
    const a = loadOrCreateLocalSecrets(mkdtempSync(join(tmpdir(), 'vetmeet-secrets-')));
    const b = loadOrCreateLocalSecrets(mkdtempSync(join(tmpdir(), 'vetmeet-secrets-')));
    expect(a.sessionSecret).not.toEqual(b.sessionSecret);
  });
});

describe(withLocalSecrets.name, () => {
  it('fills a missing session secret from the data folder outside production', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vetmeet-secrets-'));
    const { config, localSecrets } = withLocalSecrets(loadConfig({ DATA_DIR: dataDir }));
    expect(config.SESSION_SECRET).toBe(localSecrets?.sessionSecret);
    expect(config).toBeInstanceOf(AppConfig);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('keeps a session secret the environment gives', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vetmeet-secrets-'));
    const given = 'a-given-session-secret-of-enough-length-123';
    expect(withLocalSecrets(loadConfig({ DATA_DIR: dataDir, SESSION_SECRET: given })).config.SESSION_SECRET).toBe(given);
  });

  it('never reads or writes local secrets in production', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'vetmeet-secrets-')), 'untouched');
    const production = loadConfig({ ...validProductionSettings, DATA_DIR: dataDir });
    const result = withLocalSecrets(production);
    expect(result.localSecrets).toBeUndefined();
    expect(result.config).toBe(production);
    expect(existsSync(dataDir)).toBe(false);
  });
});
