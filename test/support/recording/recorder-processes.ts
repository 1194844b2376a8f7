import { execFileSync } from 'node:child_process';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** This process's recorder ffmpegs (an RTP feeder's ffmpeg writes RTP, not a pipe, and is not one). */
export function recorderPids(): number[] {
  const listing = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return listing
    .split('\n')
    .filter((line) => line.includes('vetmeet-recorder-'))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

/** Waits until the check holds or the time is up; the caller's next assertion says which. */
export async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await sleep(50);
}
