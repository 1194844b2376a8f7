import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface ProbedMedia {
  codec: string;
  /** A video's width as its first key frame gives it (null for audio). */
  width: number | null;
  /** The last packet's end, in seconds: a piped WebM has no Duration element. */
  durationSeconds: number;
  packets: number;
  /** What a full decode reported (empty: every frame decoded). */
  decodeErrors: string;
  /** Frames (or audio frames) decoded. */
  framesDecoded: number;
  /** The container's own Duration (null when it has none, as a WebM written to a pipe). */
  containerDurationSeconds: number | null;
  /** The widest video frame decoded (a simulcast recording may start on a lower layer until the top one is sent). */
  maxWidth: number | null;
}

/** ffprobe and a full ffmpeg decode of a container held in memory. */
export async function probeMedia(bytes: Buffer): Promise<ProbedMedia> {
  const directory = mkdtempSync(join(tmpdir(), 'vetmeet-probe-'));
  const file = join(directory, 'segment.webm');
  try {
    writeFileSync(file, bytes);
    const streams = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,width', '-of', 'csv=p=0', file]);
    const [codec, width] = streams.stdout.trim().split(',');
    const format = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]);
    // 'N/A' when the container has no Duration element.
    const containerDuration = format.stdout.trim() === '' ? Number.NaN : Number(format.stdout.trim());
    const packets = await run('ffprobe', ['-v', 'error', '-show_entries', 'packet=pts_time,duration_time', '-of', 'csv=p=0', file], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const ends = packets.stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(',').map(Number))
      .map(([pts, duration]) => pts + (Number.isFinite(duration) ? duration : 0));
    // Decodes every frame (ffprobe -show_frames); ffmpeg to the null muxer would also complain of two frames on one
    // millisecond, which Matroska allows (a simulcast layer switch can make them) and players show.
    const decode = await run('ffprobe', ['-v', 'error', '-show_entries', 'frame=media_type,width', '-of', 'csv=p=0', file], { maxBuffer: 64 * 1024 * 1024 }).catch(
      (error: { stderr: string; stdout?: string }) => ({ stderr: error.stderr, stdout: error.stdout ?? '' }),
    );
    const frames = decode.stdout.trim().split('\n').filter(Boolean);
    const widths = frames.map((line) => Number(line.split(',')[1])).filter((value) => Number.isFinite(value) && value > 0);
    return {
      codec,
      width: width ? Number(width) : null,
      durationSeconds: ends.length ? Math.max(...ends) : 0,
      packets: ends.length,
      decodeErrors: decode.stderr.trim(),
      framesDecoded: frames.length,
      containerDurationSeconds: Number.isFinite(containerDuration) ? containerDuration : null,
      maxWidth: widths.length ? Math.max(...widths) : null,
    };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
