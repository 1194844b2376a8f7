import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateLocalSecrets } from './local-secrets';

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
