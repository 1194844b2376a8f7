import { randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEMO_PEOPLE, type DemoAccountKey } from './demo-cast';

export type DemoPasswords = Record<DemoAccountKey, string>;

const FILE_NAME = 'demo-sign-ins.json';

/**
 * The demo accounts' passwords, generated once per data folder and kept there beside the local
 * secrets (never a constant in the code, so no two installations share them). They are demo
 * data, not personal data: printed in the log and shown on the development sign-in page.
 */
export function loadOrCreateDemoPasswords(dataDir: string): DemoPasswords {
  const folder = resolve(dataDir);
  const path = join(folder, FILE_NAME);
  const existing: Partial<DemoPasswords> = loadDemoPasswords(dataDir) ?? {};
  const entries = DEMO_PEOPLE.map(({ key }) => [key, existing[key] ?? newPassword()]);
  const passwords = Object.fromEntries(entries) as DemoPasswords;
  if (DEMO_PEOPLE.some(({ key }) => existing[key] !== passwords[key])) {
    mkdirSync(folder, { recursive: true, mode: 0o711 });
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(passwords, null, 2), { mode: 0o600 });
    renameSync(temporary, path);
  }
  return passwords;
}

/** The passwords this data folder keeps, or undefined when it has none (the demo was seeded from another one). */
export function loadDemoPasswords(dataDir: string): Partial<DemoPasswords> | undefined {
  const path = join(resolve(dataDir), FILE_NAME);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Partial<DemoPasswords>) : undefined;
}

/** Letters and digits a person cannot misread (no 0/O, 1/l/I). */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** 16 characters (about 92 random bits) in groups of four, so a person can type one off the log. */
function newPassword(): string {
  const characters = Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 4, 8, 12].map((at) => characters.slice(at, at + 4).join('')).join('-');
}
