import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClipFiles } from './media-clip';
import type { FromGenerator, GeneratorStats, ToGenerator } from './protocol';

/**
 * Starts one of the bench's TypeScript programs pinned to a core (`taskset -c`, which execs
 * node, so the IPC channel and the pid are node's own), optionally real-time (`chrt -r`).
 */
export function spawnOnCore(core: number, program: string, args: string[], realTimePriority?: number): ChildProcess {
  const node = [process.execPath, '--enable-source-maps', '-r', join(__dirname, 'register-ts.cjs'), join(__dirname, program), ...args];
  const pinned = ['taskset', '-c', String(core), ...node];
  const command = realTimePriority ? ['chrt', '-r', String(realTimePriority), ...pinned] : pinned;
  return spawn(command[0], command.slice(1), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/**
 * The bench's end of the load generator: starts it pinned to its own core (`taskset -c`, which
 * execs node, so the IPC channel and the pid are node's own) and turns its messages into
 * awaitable answers, each with a deadline.
 */
export class GeneratorLink {
  private readonly listeners = new Set<(message: FromGenerator) => void>();
  private exited?: string;
  private snapshots = 0;

  private constructor(
    private readonly child: ChildProcess,
    readonly pid: number,
  ) {}

  static async start(files: ClipFiles, core: number): Promise<GeneratorLink> {
    const child = spawnOnCore(core, 'generator.ts', [files.ivf, files.ogg]);
    const link = new GeneratorLink(child, child.pid ?? -1);
    child.on('message', (message: FromGenerator) => link.listeners.forEach((listener) => listener(message)));
    child.once('exit', (code, signal) => {
      link.exited = `the load generator exited (${signal ?? code})`;
      link.listeners.forEach((listener) => listener({ type: 'failed', consultation: -1, reason: link.exited! }));
    });
    const hello = await link.wait((message) => (message.type === 'hello' ? message : undefined), 30_000, 'the generator to start');
    const allowed = /^Cpus_allowed_list:\s*(\S+)$/m.exec(readFileSync(`/proc/${hello.pid}/status`, 'utf8'))?.[1];
    if (hello.pid !== link.pid || allowed !== String(core)) throw new Error(`the generator is not pinned to core ${core} (pid ${hello.pid}, allowed: ${allowed})`);
    return link;
  }

  send(message: ToGenerator): void {
    if (this.exited) throw new Error(this.exited);
    this.child.send(message);
  }

  /**
   * The first message `pick` returns a value for. A `failed` message for the same consultation
   * (or for none: the generator itself) rejects.
   */
  wait<T>(pick: (message: FromGenerator) => T | undefined, timeoutMs: number, what: string, consultation?: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.exited) return reject(new Error(this.exited));
      const done = (error: Error | undefined, value?: T) => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        if (error) reject(error);
        else resolve(value as T);
      };
      const listener = (message: FromGenerator) => {
        if (message.type === 'failed' && (message.consultation === consultation || message.consultation === -1)) {
          return done(new Error(`waiting for ${what}: ${message.reason}`));
        }
        const value = pick(message);
        if (value !== undefined) done(undefined, value);
      };
      const timer = setTimeout(() => done(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
      this.listeners.add(listener);
    });
  }

  async snapshot(): Promise<GeneratorStats> {
    const id = ++this.snapshots;
    const answer = this.wait((message) => (message.type === 'snapshot' && message.id === id ? message.stats : undefined), 10_000, 'generator stats');
    this.send({ type: 'snapshot', id });
    return answer;
  }

  /** Asks the generator to close its peers and exit; kills it if it has not within 5 s. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    try {
      this.send({ type: 'stop' });
    } catch {
      // The channel is already gone: the kill below still applies.
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}
