import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { types } from 'mediasoup';
import { createDecryptStream, createEncryptStream, generateDataKey, type DataKey } from '@vetmeet/crypto';
import { LocalDiskStorage } from '../../apps/api/src/storage/local-disk-storage';
import type { RecorderUnderTest, StoredTrack, TrackRecording } from './recorder-adapter';
import { boundUdpPorts, freeUdpPortPair } from './udp-ports';

/**
 * The recording pattern of shared/docs/PLATFORM.md, one producer per recorder as the app's
 * TrackRecorder does it: a PlainTransport on the room's router sends the track (paused until
 * the muxer listens) to an ffmpeg that muxes it without re-encoding (`-c copy`) into WebM on
 * its stdout; Node encrypts that pipe with libs/crypto (AES-256-GCM chunks, a data key per
 * track) straight into LocalDiskStorage. A stand-in until the app's recorder is on main.
 */

const LISTEN_TIMEOUT_MS = 5_000;
const EXIT_TIMEOUT_MS = 5_000;
const FFMPEG_INPUT = ['-hide_banner', '-loglevel', 'error', '-nostdin', '-protocol_whitelist', 'file,udp,rtp', '-i'];
const FFMPEG_OUTPUT = ['-map', '0', '-c', 'copy', '-f', 'webm', 'pipe:1'];

export class FallbackRecorder implements RecorderUnderTest {
  readonly description =
    'bench fallback (bench/recording/fallback-recorder.ts): PlainTransport -> ffmpeg -c copy WebM pipe -> ' +
    'libs/crypto createEncryptStream -> LocalDiskStorage.put';
  private readonly keys = new Map<string, DataKey>();

  private constructor(
    private readonly storage: LocalDiskStorage,
    private readonly sdpDir: string,
  ) {}

  static async create(storageRoot: string): Promise<FallbackRecorder> {
    const storage = new LocalDiskStorage(storageRoot);
    await storage.onModuleInit();
    return new FallbackRecorder(storage, mkdtempSync(join(tmpdir(), 'vetmeet-bench-sdp-')));
  }

  get storageRoot(): string {
    return this.storage.root;
  }

  async record(router: types.Router, producer: types.Producer): Promise<TrackRecording> {
    const [rtpPort, rtcpPort] = await freeUdpPortPair();
    const transport = await router.createPlainTransport({
      listenInfo: { protocol: 'udp', ip: '127.0.0.1' },
      rtcpMux: false,
      comedia: false,
    });
    try {
      await transport.connect({ ip: '127.0.0.1', port: rtpPort, rtcpPort });
      const consumer = await transport.consume({
        producerId: producer.id,
        rtpCapabilities: recorderCapabilities(router),
        paused: true,
      });
      const sdpPath = join(this.sdpDir, `${consumer.id}.sdp`);
      writeFileSync(sdpPath, sdpFor(consumer, rtpPort));
      const ffmpeg = spawn('ffmpeg', [...FFMPEG_INPUT, sdpPath, ...FFMPEG_OUTPUT], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const key = `recordings/${randomUUID()}`;
      const dataKey = generateDataKey();
      this.keys.set(key, dataKey);
      const encrypted = ffmpeg.stdout.pipe(createEncryptStream(dataKey));
      const stored = this.storage.put(key, encrypted);
      stored.catch(() => undefined); // awaited by stop(); a failure shows there
      const started = new Promise<void>((resolve, reject) => {
        ffmpeg.stdout.once('data', () => resolve());
        ffmpeg.once('exit', (code, signal) => {
          reject(new Error(`the recorder's ffmpeg exited (${signal ?? code}) before writing`));
        });
      });
      started.catch(() => undefined); // awaited by the bench
      await waitUntilListening(ffmpeg, rtpPort);
      // ffmpeg's receiver reports never reach mediasoup: ask for the key frame it needs to start.
      await consumer.resume();
      if (consumer.kind === 'video') await consumer.requestKeyFrame();
      return {
        kind: consumer.kind,
        started,
        stop: async (): Promise<StoredTrack> => {
          // As the app's recorder does: ffmpeg finishes its container while packets still flow.
          await stopProcess(ffmpeg);
          transport.close();
          await stored;
          rmSync(sdpPath, { force: true });
          return { kind: consumer.kind, key };
        },
      };
    } catch (error) {
      transport.close();
      throw error;
    }
  }

  async plaintext(track: StoredTrack): Promise<Readable> {
    const dataKey = this.keys.get(track.key);
    if (!dataKey) throw new Error('no data key for that track');
    return (await this.storage.get(track.key)).pipe(createDecryptStream(dataKey));
  }

  async close(): Promise<void> {
    rmSync(this.sdpDir, { recursive: true, force: true });
  }
}

/** The router's VP8 and Opus only, without RTX or header extensions: what ffmpeg's RTP demuxer reads. */
function recorderCapabilities(router: types.Router): types.RtpCapabilities {
  const recorded = ['video/vp8', 'audio/opus'];
  const codecs = (router.rtpCapabilities.codecs ?? []).filter((c) => recorded.includes(c.mimeType.toLowerCase()));
  return { codecs: codecs.map((codec) => ({ ...codec, rtcpFeedback: [] })), headerExtensions: [] };
}

function sdpFor(consumer: types.Consumer, port: number): string {
  const codec = consumer.rtpParameters.codecs[0];
  const media =
    consumer.kind === 'video'
      ? [`m=video ${port} RTP/AVPF ${codec.payloadType}`, `a=rtpmap:${codec.payloadType} VP8/90000`]
      : [`m=audio ${port} RTP/AVP ${codec.payloadType}`, `a=rtpmap:${codec.payloadType} opus/48000/2`];
  const session = ['v=0', 'o=- 0 0 IN IP4 127.0.0.1', 's=vetmeet-bench-recording', 'c=IN IP4 127.0.0.1', 't=0 0'];
  return [...session, ...media, 'a=sendonly', ''].join('\n');
}

/** Packets sent before ffmpeg binds its port are lost, and with them the key frame it waits for. */
async function waitUntilListening(ffmpeg: ChildProcess, port: number): Promise<void> {
  const deadline = performance.now() + LISTEN_TIMEOUT_MS;
  while (!boundUdpPorts().has(port)) {
    if (ffmpeg.exitCode !== null || ffmpeg.signalCode !== null) {
      throw new Error(`the recorder's ffmpeg exited (${ffmpeg.signalCode ?? ffmpeg.exitCode})`);
    }
    if (performance.now() > deadline) {
      throw new Error(`the recorder's ffmpeg did not bind UDP port ${port} within ${LISTEN_TIMEOUT_MS} ms`);
    }
    await sleep(20);
  }
}

/** SIGINT lets ffmpeg finish the WebM; SIGKILL if it has not exited in time. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
