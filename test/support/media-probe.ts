import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ProbedMedia {
  codec: string;
  /** The last packet's end, in seconds: a piped WebM has no Duration element. */
  durationSeconds: number;
  packets: number;
  /** What a full decode reported (empty: every frame decoded). */
  decodeErrors: string;
  /** Frames (or audio frames) decoded. */
  framesDecoded: number;
}

/** ffprobe and a full ffmpeg decode of a container held in memory. */
export async function probeMedia(bytes: Buffer): Promise<ProbedMedia> {
  const directory = mkdtempSync(join(tmpdir(), 'vetmeet-probe-'));
  const file = join(directory, 'segment.webm');
  try {
    writeFileSync(file, bytes);
    const streams = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', file]);
    const packets = await run('ffprobe', ['-v', 'error', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', file], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const ends = packets.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(',').map(Number))
      .map(([pts, duration]) => pts + (Number.isFinite(duration) ? duration : 0));
    // Decodes every frame (ffprobe -count_frames); ffmpeg to the null muxer would also complain of two frames on
    // one millisecond, which Matroska allows (a simulcast layer switch can make them) and players show.
    const decode = await run('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'stream=nb_read_frames', '-of', 'csv=p=0', file]).catch(
      (error: { stderr: string }) => ({ stderr: error.stderr }),
    );
    return {
      codec: streams.stdout.trim(),
      durationSeconds: ends.length ? Math.max(...ends) : 0,
      packets: ends.length,
      decodeErrors: decode.stderr.trim(),
      framesDecoded: 'stdout' in decode ? Number(decode.stdout.trim()) : 0,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
