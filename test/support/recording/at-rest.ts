import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The first bytes of every Matroska/WebM file. */
const EBML_MAGIC = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);
/** A WebM's DocType element: id 0x4282, size 4, "webm". */
const WEBM_DOCTYPE = Buffer.concat([Buffer.from([0x42, 0x82, 0x84]), Buffer.from('webm', 'ascii')]);

/**
 * Every file under the folders with its size, listed while a recorder may still be writing: a file
 * gone between listing and reading (a journal finalized, a spool part uploaded) is skipped.
 */
function* filesWithin(roots: string[]): Generator<{ path: string; size: number }> {
  const walk = function* (folder: string): Generator<{ path: string; size: number }> {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(folder, name);
      try {
        const stat = statSync(path);
        if (stat.isDirectory()) yield* walk(path);
        else yield { path, size: stat.size };
      } catch {
        // Removed meanwhile.
      }
    }
  };
  for (const root of roots) yield* walk(root);
}

/** Every file under the folders holding a plaintext container header (EBML magic or WebM's DocType). */
export function plaintextAtRest(roots: string[]): string[] {
  const found: string[] = [];
  for (const { path } of filesWithin(roots)) {
    try {
      const bytes = readFileSync(path);
      if (bytes.includes(EBML_MAGIC) || bytes.includes(WEBM_DOCTYPE)) found.push(path);
    } catch {
      // Removed meanwhile.
    }
  }
  return found;
}

/** How many files there are under a folder (a scan that found nothing must have looked at something). */
export function filesUnder(root: string): number {
  let count = 0;
  for (const name of readdirSync(root)) {
    const path = join(root, name);
    count += statSync(path).isDirectory() ? filesUnder(path) : 1;
  }
  return count;
}

const VERIFY_CLI = 'dist/apps/api/apps/api/src/recordings/cli/verify-recordings.js';

/** `npm run recordings:verify` without its build step: the built CLI with the app's settings. */
export function runRecordingsVerify(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VERIFY_CLI], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (piece) => (output += piece));
    child.stderr.on('data', (piece) => (output += piece));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** How many recording journals under the roots hold bytes already (the first media of a segment reached storage). */
export function journalsWithBytes(roots: string[]): number {
  let count = 0;
  for (const { path, size } of filesWithin(roots)) if (path.includes('recording-journals') && size > 0) count += 1;
  return count;
}
