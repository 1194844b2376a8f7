import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isVp8KeyFrame, opusPacketSamples, packetizeVp8, parseIvf, parseOggPackets } from './rtp';

/**
 * A few seconds of real 720p VP8 and Opus, encoded once by ffmpeg and cached, then cut into
 * RTP payloads that the generator replays in a loop. Encoding live would cost the generator a
 * core per few peers; the SFU never decodes, so replayed frames cost it exactly what live ones
 * do (it reads the VP8 payload descriptor and the key-frame bit, which are real here).
 */

export const CLIP_SECONDS = 6;
export const VIDEO = { width: 1280, height: 720, fps: 30, kbps: 1500, keyFrameSeconds: 2 };
export const AUDIO_KBPS = 32;
/** RTP payload size limit: packets stay near 1200 bytes as browsers' do, well under the MTU. */
export const MAX_VP8_PAYLOAD = 1160;
/** libwebrtc's pacer sends a frame's packets at 2.5x the target rate rather than in one burst. */
const PACING_FACTOR = 2.5;

export interface ClipPacket {
  payload: Buffer;
  /** When to send it, in ms from the start of the loop. */
  atMs: number;
  /** RTP timestamp offset from the start of the loop, in clock units. */
  rtpTime: number;
  marker: boolean;
  /** Video: frame index in the loop (stamps the PictureID). */
  frame: number;
}

export interface Clip {
  kind: 'audio' | 'video';
  clockRate: number;
  durationMs: number;
  packets: ClipPacket[];
  /** Average RTP payload bit rate of the loop. */
  bitsPerSecond: number;
  /** Video frames in the loop (PictureIDs run on across loops). */
  frames: number;
}

export interface ClipFiles {
  ivf: string;
  ogg: string;
}

const FFMPEG_VIDEO = [
  ...['-f', 'lavfi', '-i', `testsrc2=size=${VIDEO.width}x${VIDEO.height}:rate=${VIDEO.fps},noise=alls=12:allf=t`],
  ...['-t', String(CLIP_SECONDS), '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8'],
  // Constant rate like a camera under a stable estimate (testsrc2 alone is too easy to encode,
  // hence the noise); no alt-ref or lag, as WebRTC's encoder runs; a key frame every 2 s so a
  // consumer resumed mid-loop starts within 2 s (the replay cannot answer a PLI).
  ...['-b:v', `${VIDEO.kbps}k`, '-minrate', `${VIDEO.kbps}k`, '-maxrate', `${VIDEO.kbps}k`, '-bufsize', `${VIDEO.kbps}k`],
  ...['-g', String(VIDEO.fps * VIDEO.keyFrameSeconds), '-keyint_min', String(VIDEO.fps * VIDEO.keyFrameSeconds)],
  ...['-auto-alt-ref', '0', '-lag-in-frames', '0', '-error-resilient', '1', '-f', 'ivf'],
];
const FFMPEG_AUDIO = [
  ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-t', String(CLIP_SECONDS), '-ac', '1'],
  ...['-c:a', 'libopus', '-b:a', `${AUDIO_KBPS}k`, '-vbr', 'off', '-application', 'voip', '-frame_duration', '20', '-f', 'ogg'],
];

/** Encodes the clip unless the cache already holds it (keyed by the ffmpeg arguments). */
export function ensureClipFiles(): ClipFiles {
  const key = createHash('sha256').update(JSON.stringify([FFMPEG_VIDEO, FFMPEG_AUDIO])).digest('hex').slice(0, 12);
  const dir = join(process.env.VETMEET_CACHE_DIR ?? join(homedir(), '.cache', 'vetmeet'), 'bench-sfu', key);
  const files = { ivf: join(dir, 'clip.ivf'), ogg: join(dir, 'clip.ogg') };
  if (existsSync(files.ivf) && existsSync(files.ogg)) return files;
  mkdirSync(dir, { recursive: true });
  const encode = (args: string[], target: string) => {
    const partial = `${target}.${process.pid}.partial`;
    try {
      // At normal priority: the bench itself may run real-time (see run.sh), its encoder need not.
      execFileSync('chrt', ['--other', '0', 'ffmpeg', '-hide_banner', '-loglevel', 'error', '-y', ...args, partial], { stdio: ['ignore', 'inherit', 'inherit'] });
      renameSync(partial, target); // never a half-written clip under the final name
    } finally {
      rmSync(partial, { force: true });
    }
  };
  console.log(`[bench:sfu] encoding the ${CLIP_SECONDS} s 720p VP8 + Opus clip once into ${dir}`);
  encode(FFMPEG_VIDEO, files.ivf);
  encode(FFMPEG_AUDIO, files.ogg);
  return files;
}

export function loadVideoClip(path: string): Clip {
  const { fourcc, frames } = parseIvf(readFileSync(path));
  if (fourcc !== 'VP80' || frames.length === 0) throw new Error(`${path}: expected VP8 frames, got ${fourcc}`);
  if (!isVp8KeyFrame(frames[0].data)) throw new Error(`${path}: the loop must start with a key frame`);
  const frameMs = 1000 / VIDEO.fps;
  const durationMs = frames.length * frameMs;
  const totalBytes = frames.reduce((sum, frame) => sum + frame.data.length, 0);
  const bitsPerSecond = (totalBytes * 8) / (durationMs / 1000);
  const packets: ClipPacket[] = [];
  frames.forEach((frame, index) => {
    const payloads = packetizeVp8(frame.data, MAX_VP8_PAYLOAD);
    let atMs = frame.seconds * 1000;
    payloads.forEach((payload, part) => {
      packets.push({ payload, atMs, rtpTime: Math.round(frame.seconds * 90_000), marker: part === payloads.length - 1, frame: index });
      atMs += (payload.length * 8 * 1000) / (PACING_FACTOR * bitsPerSecond);
    });
  });
  return { kind: 'video', clockRate: 90_000, durationMs, packets, bitsPerSecond, frames: frames.length };
}

export function loadAudioClip(path: string): Clip {
  // The first two packets are the OpusHead and OpusTags headers (RFC 7845).
  const opus = parseOggPackets(readFileSync(path)).slice(2);
  if (opus.length === 0) throw new Error(`${path}: no Opus packets`);
  const packets: ClipPacket[] = [];
  let samples = 0;
  for (const payload of opus) {
    packets.push({ payload, atMs: samples / 48, rtpTime: samples, marker: false, frame: 0 });
    samples += opusPacketSamples(payload);
  }
  const totalBytes = opus.reduce((sum, payload) => sum + payload.length, 0);
  const durationMs = samples / 48;
  return { kind: 'audio', clockRate: 48_000, durationMs, packets, bitsPerSecond: (totalBytes * 8) / (durationMs / 1000), frames: 0 };
}
