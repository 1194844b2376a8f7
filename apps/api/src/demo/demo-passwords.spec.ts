import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { passwordProblem } from '../auth/password-policy';
import { DEMO_PEOPLE } from './demo-cast';
import { loadDemoPasswords, loadOrCreateDemoPasswords } from './demo-passwords';

describe('demo passwords', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'vetmeet-demo-passwords-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('are generated once per data folder, kept there for its owner only, and reused', () => {
    expect(loadDemoPasswords(dataDir)).toBeUndefined();
    const first = loadOrCreateDemoPasswords(dataDir);
    const path = join(dataDir, 'demo-sign-ins.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(first);
    expect(loadOrCreateDemoPasswords(dataDir)).toEqual(first);
  });

  it('differ between data folders and between accounts, and pass the password policy', () => {
    const other = mkdtempSync(join(tmpdir(), 'vetmeet-demo-passwords-'));
    try {
      const mine = loadOrCreateDemoPasswords(dataDir);
      const theirs = loadOrCreateDemoPasswords(other);
      const all = [...Object.values(mine), ...Object.values(theirs)];
      expect(new Set(all).size).toBe(all.length);
      for (const person of DEMO_PEOPLE) {
        expect(mine[person.key]).toMatch(/^[a-zA-Z2-9]{4}(-[a-zA-Z2-9]{4}){3}$/);
        expect(passwordProblem(mine[person.key], person.email)).toBeNull();
      }
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
