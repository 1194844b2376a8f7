import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { RecorderFormat } from './recorder-codec';

/**
 * ffmpeg acts on SIGINT only once its blocking read returns: with no packets coming (the
 * producer paused) only this silence ends the read, and ffmpeg then finishes the container
 * as on end of input. A second SIGINT would interrupt the pipe's writes too, losing the tail.
 */
export const RECORDER_SILENCE_TIMEOUT_S = 2;

/** How long ffmpeg gets to finish its container after SIGINT before it is killed (past the silence timeout). */
/**
 * How long ffmpeg studies its input before writing (µs). Its default (5 s of probing, about
 * a second here) would hold the first bytes back, and a recorder ended by then wrote nothing;
 * the SDP and the first packet (a key frame: the consumer forwards nothing before one) say all.
 */
export const RECORDER_PROBE_US = 300_000;

/**
 * A container cluster at least this often (ms): ffmpeg holds a cluster in memory until it
 * closes it, so this is what a killed recorder loses at most (its default on a pipe is 1 s).
 */
export const RECORDER_CLUSTER_MS = 250;

export const RECORDER_STOP_TIMEOUT_MS = RECORDER_SILENCE_TIMEOUT_S * 1000 + 2_000;

export interface RecorderExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Whether stop() asked for the exit (otherwise the process died or gave up by itself). */
  asked: boolean;
}

/**
 * One ffmpeg copying one RTP stream (described by an SDP on loopback) into a container on
 * its stdout. onData gets the bytes in order; `exited` resolves once the process is gone and
 * its stdout is drained, whatever ended it (a spawn failure included): it never rejects.
 */
export class RecorderProcess {
  readonly exited: Promise<RecorderExit>;
  private readonly child: ChildProcessByStdio<null, Readable, Readable>;
  private asked = false;
  private running = true;

  private constructor(
    private readonly directory: string,
    format: RecorderFormat,
    onData: (bytes: Buffer) => void,
  ) {
    const sdp = join(directory, 'stream.sdp');
    this.child = spawn(
      'ffmpeg',
      ['-hide_banner', '-loglevel', 'error', '-nostdin', '-protocol_whitelist', 'file,udp,rtp,pipe']
        .concat(['-listen_timeout', String(RECORDER_SILENCE_TIMEOUT_S), '-analyzeduration', String(RECORDER_PROBE_US), '-i', sdp, '-map', '0', '-c', 'copy'])
        .concat(['-cluster_time_limit', String(RECORDER_CLUSTER_MS), '-f', format.muxer, 'pipe:1']),
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child.stdout.on('data', onData);
    // Read and dropped: ffmpeg's messages name only ports and codecs, and nothing here acts on them.
    this.child.stderr.resume();
    this.exited = new Promise((resolve) => {
      let ended = false;
      let exit: Omit<RecorderExit, 'asked'> | undefined;
      const settle = () => {
        if (!ended || !exit) return;
        void rm(directory, { recursive: true, force: true }).catch(() => undefined);
        resolve({ ...exit, asked: this.asked });
      };
      this.child.stdout.once('close', () => {
        ended = true;
        settle();
      });
      this.child.once('error', () => {
        this.running = false;
        exit = { code: null, signal: null };
        ended = true;
        settle();
      });
      this.child.once('exit', (code, signal) => {
        this.running = false;
        exit = { code, signal };
        settle();
      });
    });
  }

  static async spawn(sdp: string, format: RecorderFormat, onData: (bytes: Buffer) => void): Promise<RecorderProcess> {
    const directory = await mkdtemp(join(tmpdir(), 'vetmeet-recorder-'));
    await writeFile(join(directory, 'stream.sdp'), sdp, { mode: 0o600 });
    return new RecorderProcess(directory, format, onData);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** SIGINT lets ffmpeg finish the container (while packets still arrive); SIGKILL if it has not exited in time. */
  async stop(timeoutMs = RECORDER_STOP_TIMEOUT_MS): Promise<RecorderExit> {
    this.asked = true;
    if (!this.running) return this.exited;
    this.child.kill('SIGINT');
    const timer = setTimeout(() => this.kill(), timeoutMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }

  /** At once, without finishing the container. */
  kill(): void {
    this.asked = true;
    if (this.running) this.child.kill('SIGKILL');
  }
}
