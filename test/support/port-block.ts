import { createSocket } from 'node:dgram';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Claims live here, one file per block, so parallel jest workers (and parallel runs) never share one. */
const CLAIMS_DIR = join(tmpdir(), 'vetmeet-port-blocks');

export interface PortBlock {
  first: number;
  last: number;
  release(): void;
}

/**
 * A block of `size` consecutive loopback ports that nothing listens on, over UDP and TCP,
 * claimed until release(). Blocks sit above the kernel's ephemeral range, so freePort() and
 * outgoing sockets never land in them, and servers that bind with SO_REUSEPORT (coturn does)
 * cannot silently share a port with another test's server.
 */
export async function claimPortBlock(size: number, { highest = 65535 } = {}): Promise<PortBlock> {
  mkdirSync(CLAIMS_DIR, { recursive: true });
  const lowest = ephemeralRangeEnd() + 1;
  const blocks = Math.floor((highest + 1 - lowest) / size);
  if (blocks < 1) throw new Error(`no room for a block of ${size} ports above the ephemeral range`);
  const offset = Math.floor(Math.random() * blocks);
  for (let index = 0; index < blocks; index += 1) {
    const first = lowest + ((offset + index) % blocks) * size;
    const ports = Array.from({ length: size }, (_, i) => first + i);
    // One claim per port, so blocks of different sizes (a media worker's, coturn's) exclude each other too.
    const claimed: string[] = [];
    for (const port of ports) {
      const claim = join(CLAIMS_DIR, `${port}.claim`);
      if (!tryClaim(claim)) break;
      claimed.push(claim);
    }
    const release = () => claimed.forEach((claim) => rmSync(claim, { force: true }));
    if (claimed.length === size && (await Promise.all(ports.map(isFree))).every(Boolean)) {
      return { first, last: first + size - 1, release };
    }
    release();
  }
  throw new Error(`no free block of ${size} loopback ports above ${lowest}`);
}

/** Creates the claim file exclusively; takes over a claim only once its process has died. */
function tryClaim(claim: string): boolean {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(claim, String(process.pid), { flag: 'wx' });
      return true;
    } catch {
      const owner = claimOwner(claim);
      // An empty file is a claim being written this instant; ENOENT means it was just released.
      if (owner === 'unknown' || (typeof owner === 'number' && isAlive(owner))) return false;
      if (owner !== 'gone') rmSync(claim, { force: true });
    }
  }
  return false;
}

function claimOwner(claim: string): number | 'unknown' | 'gone' {
  try {
    const pid = Number(readFileSync(claim, 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : 'unknown';
  } catch {
    return 'gone';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ephemeralRangeEnd(): number {
  try {
    const [, end] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    return end > 0 && end < 65000 ? end : 60999;
  } catch {
    return 60999;
  }
}

async function isFree(port: number): Promise<boolean> {
  return (await bindsUdp(port)) && (await bindsTcp(port));
}

function bindsUdp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(false);
    });
    socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
  });
}

function bindsTcp(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
