import { spawn } from 'node:child_process';
import { freePort } from './free-port';

/** Debian's redis-server, installed by `npm test`'s bootstrap. */
const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';
const READY_WITHIN_MS = 10_000;
const STOP_WITHIN_MS = 5_000;

export interface RedisServer {
  /** For REDIS_URL. */
  url: string;
  port: number;
  /** What redis-server printed, for a failing test's message. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * A real Redis on 127.0.0.1 and a free port, in memory only (no RDB snapshot, no AOF: nothing is
 * written to disk), resolved once it accepts connections. The process is killed when the test
 * process exits, even if stop() is never reached.
 */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const settings = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', '/tmp'];
  const child = spawn(REDIS_SERVER, settings, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const ready = new Promise<void>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-32_000);
      if (output.includes('Ready to accept connections')) resolve();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('exit', (code, signal) => reject(new Error(`redis-server exited (${code ?? signal}) before ready`)));
    child.once('error', reject);
    setTimeout(() => reject(new Error(`redis-server not ready within ${READY_WITHIN_MS} ms`)), READY_WITHIN_MS).unref();
  });

  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), STOP_WITHIN_MS);
      await exited;
      clearTimeout(killer);
    }
  };
  try {
    await ready;
  } catch (error) {
    await stop();
    throw new Error(`redis-server did not start: ${(error as Error).message}\n${output}`, { cause: error });
  }
  return { url: `redis://127.0.0.1:${port}`, port, output: () => output, stop };
}
