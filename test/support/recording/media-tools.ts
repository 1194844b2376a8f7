import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The first bytes of every Matroska/WebM file: plaintext media must never show them at rest. */
export const EBML_MAGIC = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);

export interface RunResult {
  readonly code: number | null;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/** Runs a tool with `input` on its stdin, as the product does: no file in between. */
export function run(command: string, args: string[], input?: Buffer): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (piece: Buffer) => out.push(piece));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.stdin.on('error', () => undefined);
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout: Buffer.concat(out), stderr }));
    child.stdin.end(input);
  });
}

/**
 * A WebM as a recorder pipe writes it (no Duration, no Cues): a VP8 test pattern and an Opus
 * tone, or only one of them (a microphone's track, a screen share's).
 */
export async function webmClip(seconds: number, tracks: 'both' | 'audio' | 'video' = 'both'): Promise<Buffer> {
  const video = tracks === 'audio' ? [] : ['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=30'];
  const audio = tracks === 'video' ? [] : ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'];
  const vp8Options = ['-deadline', 'realtime', '-cpu-used', '8', '-b:v', '300k', '-g', '30'];
  const vp8 = tracks === 'audio' ? [] : ['-c:v', 'libvpx', ...vp8Options];
  const opus = tracks === 'video' ? [] : ['-c:a', 'libopus'];
  const args = ['-v', 'error', ...video, ...audio, '-t', String(seconds), ...vp8, ...opus, '-f', 'webm', 'pipe:1'];
  const { code, stdout, stderr } = await run('ffmpeg', args);
  if (code !== 0) throw new Error(`ffmpeg could not make the test clip: ${stderr}`);
  return stdout;
}

/** H.264 (baseline, as browsers send it) and Opus in Matroska, as capture writes an H.264 track to its pipe. */
export async function matroskaH264Clip(seconds: number): Promise<Buffer> {
  const args = ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=30', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000',
    '-t', String(seconds), '-c:v', 'libx264', '-preset', 'ultrafast', '-profile:v', 'baseline', '-pix_fmt', 'yuv420p', '-g', '30', '-c:a', 'libopus',
    '-cluster_time_limit', '250', '-f', 'matroska', 'pipe:1'];
  const { code, stdout, stderr } = await run('ffmpeg', args);
  if (code !== 0) throw new Error(`ffmpeg could not make the H.264 test clip: ${stderr}`);
  return stdout;
}

export interface Probe {
  readonly codecs: string[];
  readonly durationSeconds: number;
}

/** ffprobe through a pipe: what a player learns from the file's own header (Duration included). */
export async function probe(webm: Buffer): Promise<Probe> {
  const args = ['-v', 'error', '-show_entries', 'format=duration:stream=codec_name', '-of', 'json', '-i', 'pipe:0'];
  const { code, stdout, stderr } = await run('ffprobe', args, webm);
  if (code !== 0) throw new Error(`ffprobe failed: ${stderr}`);
  type Probed = { streams: Array<{ codec_name: string }>; format: { duration?: string } };
  const { streams, format } = JSON.parse(stdout.toString()) as Probed;
  return { codecs: streams.map((stream) => stream.codec_name), durationSeconds: Number(format.duration ?? NaN) };
}

/** Decodes every frame; returns ffmpeg's error output (empty when all decoded). */
export async function decodeErrors(webm: Buffer): Promise<string> {
  const { code, stderr } = await run('ffmpeg', ['-v', 'error', '-i', 'pipe:0', '-f', 'null', '-'], webm);
  return code === 0 ? stderr.trim() : `exit ${code}: ${stderr.trim()}`;
}

/** Every file under a folder (hidden ones too) that contains the bytes. */
export function filesContaining(root: string, needle: Buffer): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder)) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (readFileSync(path).includes(needle)) found.push(path);
    }
  };
  walk(root);
  return found;
}
