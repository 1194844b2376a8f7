import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RecorderUnderTest, StoredTrack } from './recorder-adapter';

/** What the bench reads back from storage: bytes written, and whether the recordings are real. */

/** Sizes of every file under the store's folder, partial writes included: the bytes written so far. */
export function directoryBytes(root: string): number {
  let bytes = 0;
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    try {
      bytes += statSync(join(entry.parentPath, entry.name)).size;
    } catch {
      // Renamed from .partial to its key between the listing and the stat: counted at the next reading.
    }
  }
  return bytes;
}

const EBML_MAGIC = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

export interface TrackCheck {
  plaintextBytes: number;
  webm: boolean;
  /** From ffprobe and a full decode, when asked for. */
  codec?: string;
  decodeErrors?: string;
}

/**
 * Decrypts a stored track with our code and checks it is WebM; with `decode`, ffprobe names
 * its codec and ffmpeg decodes every frame.
 */
export async function checkTrack(
  recorder: RecorderUnderTest,
  track: StoredTrack,
  decode: boolean,
): Promise<TrackCheck> {
  const chunks: Buffer[] = [];
  for await (const chunk of await recorder.plaintext(track)) chunks.push(chunk as Buffer);
  const plaintext = Buffer.concat(chunks);
  const check: TrackCheck = { plaintextBytes: plaintext.length, webm: plaintext.subarray(0, 4).equals(EBML_MAGIC) };
  if (!decode || !check.webm) return check;
  const probe = ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', '-i', 'pipe:0'];
  check.codec = (await run('ffprobe', probe, plaintext)).stdout.trim();
  const decodeAll = ['-v', 'error', '-nostdin', '-i', 'pipe:0', '-f', 'null', '-'];
  check.decodeErrors = (await run('ffmpeg', decodeAll, plaintext)).stderr.trim();
  return check;
}

/** At normal priority: the bench may run real-time (see bench/sfu/run.sh), these checks need not. */
function run(command: string, args: string[], input: Buffer): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('chrt', ['--other', '0', command, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    child.stdin.on('error', () => undefined); // a tool that stops reading early (ffprobe) closes the pipe
    child.stdin.end(input);
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve({ stdout, stderr });
      else reject(new Error(`${command} exited ${code}: ${stderr.trim().slice(0, 200)}`));
    });
  });
}


/** Every stored track decrypts to WebM; the first `decoded` also probe and decode without error. */
export async function describeStoredTracks(
  recorder: RecorderUnderTest,
  stored: StoredTrack[],
  decoded = 4,
): Promise<string> {
  const checks = await Promise.all(stored.map((track, index) => checkTrack(recorder, track, index < decoded)));
  const webm = checks.filter((check) => check.webm).length;
  const megabytes = checks.reduce((sum, check) => sum + check.plaintextBytes, 0) / 1e6;
  const probed = checks.slice(0, decoded).map((check, index) => {
    const errors = check.decodeErrors ? ` (decode errors: ${check.decodeErrors.split('\n')[0]})` : '';
    return `${stored[index].kind} ${check.codec ?? '?'}${errors}`;
  });
  return (
    `stored: ${stored.length} tracks, ${megabytes.toFixed(1)} MB decrypted by libs/crypto, ${webm} of them WebM; ` +
    `consultation 0 decoded in full: ${probed.join(', ')}`
  );
}
