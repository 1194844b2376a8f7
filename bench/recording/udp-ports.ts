import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';

/** Local UDP ports (IPv4) that some socket is bound to now. */
export function boundUdpPorts(): Set<number> {
  const ports = new Set<number>();
  for (const line of readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1)) {
    const local = line.trim().split(/\s+/)[1];
    if (local) ports.add(parseInt(local.split(':')[1], 16));
  }
  return ports;
}

/**
 * An even UDP port on loopback and the next one (RTP and RTCP, as ffmpeg's RTP input binds
 * them), both free right now: the system picks the first, the second is tried.
 */
export async function freeUdpPortPair(): Promise<[number, number]> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const first = await bind(0);
    const port = first.port;
    const second = port % 2 === 0 && port < 65535 ? await bind(port + 1).catch(() => undefined) : undefined;
    first.close();
    second?.close();
    if (second) return [port, port + 1];
  }
  throw new Error('no free pair of UDP ports on loopback');
}

function bind(port: number): Promise<{ port: number; close: () => void }> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', (error) => {
      socket.close();
      reject(error);
    });
    socket.bind(port, '127.0.0.1', () => resolve({ port: socket.address().port, close: () => socket.close() }));
  });
}
