import { spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

export interface RemuxProcess {
  readonly stdin: Writable;
  readonly stdout: Readable;
  /** Resolves when ffmpeg exits cleanly, rejects with the end of its stderr otherwise. */
  readonly exited: Promise<void>;
  kill(): void;
}

/** Enough of ffmpeg's complaint to act on; it names streams and codecs, never media content. */
const STDERR_TAIL = 2000;

/**
 * The container a segment is kept in: WebM for VP8, VP9 and Opus; Matroska (WebM's parent, the
 * same layout) for H.264, which WebM does not allow.
 */
export type SegmentContainer = 'webm' | 'matroska';

/**
 * `ffmpeg -c copy` from stdin to stdout: copies the packets of a WebM or Matroska stream written
 * to a pipe (which may end inside a cluster after a crash) into a clean one of the same kind,
 * without re-encoding and without a file, so the plaintext never leaves memory.
 */
export function spawnRemux(ffmpegPath = 'ffmpeg', container: SegmentContainer = 'webm'): RemuxProcess {
  const args = ['-hide_banner', '-loglevel', 'error', '-f', 'matroska', '-i', 'pipe:0'];
  args.push('-map', '0', '-c', 'copy', '-f', container, 'pipe:1');
  const child = spawn(ffmpegPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr = (stderr + text).slice(-STDERR_TAIL)));
  const exited = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`ffmpeg remux failed (${signal ?? `exit ${code}`}): ${stderr.trim()}`));
    });
  });
  // ffmpeg may stop reading early (its error shows in `exited`); a broken pipe is not a second error.
  child.stdin.on('error', () => undefined);
  return { stdin: child.stdin, stdout: child.stdout, exited, kill: () => child.kill('SIGKILL') };
}
