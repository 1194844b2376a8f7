import { readFileSync, readdirSync } from 'node:fs';

/**
 * Readings from /proc that tell the SFU's limits from the generator's and from other load on
 * the machine: CPU time of a process (all its threads), how busy each core was, and how many
 * datagrams the kernel dropped because a UDP socket's receive buffer was full (at the SFU's
 * port: the worker fell behind; at the generator's ports: the generator did).
 */

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** User + system CPU of a process and all its threads so far, in ms. */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces and parentheses: fields are counted after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** Per core: [busy, total] jiffies so far. */
export function coreTimes(): number[][] {
  return readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .filter((line) => /^cpu\d+ /.test(line))
    .map((line) => {
      const values = line.split(/\s+/).slice(1).map(Number);
      const idle = values[3] + values[4]; // idle + iowait
      const total = values.slice(0, 8).reduce((sum, value) => sum + value, 0);
      return [total - idle, total];
    });
}

/** Busy percentage of each core between two `coreTimes()` readings. */
export function coreBusyPercent(start: number[][], end: number[][]): number[] {
  return end.map(([busy, total], core) => {
    const elapsed = total - start[core][1];
    return elapsed > 0 ? (100 * (busy - start[core][0])) / elapsed : 0;
  });
}

/** Kernel drop counters of the UDP sockets bound to these local ports (IPv4). */
export function udpDrops(ports: Iterable<number>): number {
  const wanted = new Set(ports);
  let drops = 0;
  for (const line of readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 13) continue;
    const port = parseInt(fields[1].split(':')[1], 16);
    if (wanted.has(port)) drops += Number(fields[12]);
  }
  return drops;
}

/** Scheduling of a process, e.g. "SCHED_RR 10" or "SCHED_OTHER nice 0" (fields 19, 40, 41 of /proc/<pid>/stat). */
export function processScheduling(pid: number): string {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const policy = ['SCHED_OTHER', 'SCHED_FIFO', 'SCHED_RR', 'SCHED_BATCH', 'SCHED_ISO', 'SCHED_IDLE'][Number(fields[38])] ?? `policy ${fields[38]}`;
  return Number(fields[37]) > 0 ? `${policy} ${fields[37]}` : `${policy} nice ${fields[16]}`;
}

/**
 * CPU time so far (user + system, ms) of each living child of a process whose command name is
 * `name` (e.g. the recorders' ffmpeg), by pid.
 */
export function childrenCpuMs(name: string, parent = process.pid): Map<number, number> {
  const found = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited since the listing
    }
    const command = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (command !== name || Number(fields[1]) !== parent) continue;
    found.set(Number(entry), ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND);
  }
  return found;
}
