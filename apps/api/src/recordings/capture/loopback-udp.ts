import { createSocket, type Socket } from 'node:dgram';
import { readFile } from 'node:fs/promises';

const ATTEMPTS = 20;

/**
 * An even loopback UDP port whose successor is free too (RTP and RTCP, as ffmpeg binds
 * them). The ports are released before ffmpeg binds them; waitUntilBound then checks that
 * ffmpeg got them.
 */
export async function freeRtpPortPair(): Promise<number> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const first = await bindUdp(0);
    const port = first.address().port;
    first.close();
    if (port % 2 !== 0 || port >= 65535) continue;
    const pair = await Promise.all([bindUdp(port), bindUdp(port + 1)].map((bound) => bound.catch(() => null)));
    for (const socket of pair) socket?.close();
    if (pair.every((socket) => socket !== null)) return port;
  }
  throw new Error('no free loopback UDP port pair for a recorder');
}

/** Resolves once a process holds these loopback UDP ports (/proc/net/udp), or rejects after timeoutMs. */
export async function waitUntilBound(ports: number[], timeoutMs: number, stillRunning: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const bound = await boundUdpPorts();
    if (ports.every((port) => bound.has(port))) return;
    if (!stillRunning() || Date.now() > deadline) throw new Error('recorder did not bind its UDP ports');
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

async function boundUdpPorts(): Promise<Set<number>> {
  const table = await readFile('/proc/net/udp', 'utf8');
  const ports = new Set<number>();
  for (const line of table.split('\n').slice(1)) {
    const local = line.trim().split(/\s+/)[1];
    if (local) ports.add(parseInt(local.split(':')[1], 16));
  }
  return ports;
}

function bindUdp(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', (error) => {
      socket.close();
      reject(error);
    });
    socket.bind(port, '127.0.0.1', () => resolve(socket));
  });
}
