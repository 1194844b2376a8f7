import { spawn, type ChildProcess } from 'node:child_process';

/** The built server's entry point, as `npm start` runs it (scripts/build.sh makes it). */
export const BUILT_SERVER = 'dist/apps/api/apps/api/src/main.js';

export interface RunningServer {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Runs the built server the way `npm start` does, with only the environment given (plus PATH and HOME). */
export function startBuiltServer(env: Record<string, string>): RunningServer {
  const child = spawn(process.execPath, [BUILT_SERVER], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}
