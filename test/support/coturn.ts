import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claimPortBlock } from './port-block';
import { stunBinding } from './stun-client';

/** Debian's coturn, installed by `npm test`'s bootstrap. */
const TURNSERVER = process.env.TURNSERVER_PATH ?? '/usr/bin/turnserver';
/** The listening port and 15 relay ports: a relay-only call needs one per transport. */
const PORTS = 16;
const READY_WITHIN_MS = 10_000;
const STOP_WITHIN_MS = 5_000;

export interface Coturn {
  /** For TURN_URLS: UDP and TCP on the listening port. */
  urls: string[];
  port: number;
  realm: string;
  relayPorts: { min: number; max: number };
  /** What turnserver printed, for a failing test's message. */
  output(): string;
  /** A network outage on the relayed path: the process is frozen (SIGSTOP), nothing is forwarded either way. */
  pause(): void;
  /** The outage ends (SIGCONT): allocations and permissions are still there. */
  resume(): void;
  stop(): Promise<void>;
}

/**
 * A real coturn on 127.0.0.1 with the REST-secret scheme (use-auth-secret), on its own block
 * of ports, resolved once it answers STUN. Loopback peers are allowed (the test SFU listens
 * on 127.0.0.1), which is exactly what production must never do. The process is killed when
 * the test process exits, even if stop() is never reached.
 */
export async function startCoturn({ secret, realm = 'vetmeet.test' }: { secret: string; realm?: string }): Promise<Coturn> {
  const ports = await claimPortBlock(PORTS);
  // Its own pid file and (unused, but always opened) SQLite database: parallel instances share nothing.
  const stateDir = mkdtempSync(join(tmpdir(), 'vetmeet-coturn-'));
  const port = ports.first;
  const relayPorts = { min: ports.first + 1, max: ports.last };
  const child = spawn(
    TURNSERVER,
    [
      '-n',
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--listening-port=${port}`,
      `--min-port=${relayPorts.min}`,
      `--max-port=${relayPorts.max}`,
      `--realm=${realm}`,
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      '--no-tls',
      '--no-dtls',
      '--no-cli',
      '--allow-loopback-peers',
      '--log-file=stdout',
      '--simple-log',
      `--pidfile=${join(stateDir, 'turnserver.pid')}`,
      `--db=${join(stateDir, 'turndb')}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-32_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    child.kill('SIGCONT');
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), STOP_WITHIN_MS);
      await exited;
      clearTimeout(killer);
    }
    rmSync(stateDir, { recursive: true, force: true });
    ports.release();
  };

  const failedToStart = new Promise<never>((_, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`turnserver exited (${code ?? signal}) before it answered`)));
    child.once('error', reject);
  });
  // Once it has started, an exit is stop()'s business, not a failure to report.
  failedToStart.catch(() => undefined);
  try {
    await Promise.race([untilAnswering(port, () => child.exitCode === null && child.signalCode === null), failedToStart]);
  } catch (error) {
    await stop();
    throw new Error(`coturn did not start: ${(error as Error).message}\n${output}`, { cause: error });
  }
  return {
    urls: [`turn:127.0.0.1:${port}?transport=udp`, `turn:127.0.0.1:${port}?transport=tcp`],
    port,
    realm,
    relayPorts,
    output: () => output,
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    stop,
  };
}

/** STUN Binding until coturn answers, in short probes so a turnserver that died is noticed at once. */
async function untilAnswering(port: number, running: () => boolean): Promise<void> {
  const deadline = Date.now() + READY_WITHIN_MS;
  for (;;) {
    try {
      return await stunBinding(port, { tries: 2 });
    } catch (error) {
      if (!running() || Date.now() > deadline) throw error;
    }
  }
}
