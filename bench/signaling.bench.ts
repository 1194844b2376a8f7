import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp } from '../test/support/test-app';
import { createLoadRooms, type LoadRoom } from './signaling/rooms';
import { describeScale, parseScales, planFor, type LoadReport, type ScalePlan } from './signaling/scales';

/**
 * Signaling acknowledgement round trips with 200, 1,000 and 2,000 connected sockets
 * (BENCH_SOCKETS="200,1000" to choose), each scale on a fresh app over loopback: an owner
 * and a consultant per consultation, all admitted into their calls. The sockets live in a
 * child process (bench/signaling/load-clients.mjs) so client and server never share an
 * event loop. `room:ping` measures the signaling path itself (socket.io, the rate limiter,
 * validation, the acknowledgement); `chat:send` adds a database write with its audit event,
 * encryption and the broadcast to the other side. Each one socket at a time (latency),
 * under a steady load, and in a burst (queueing). Every phase is bounded (bench/signaling/
 * scales.ts), and a request with no acknowledgement within 10 s is counted, not fatal.
 */
const SCALES = parseScales(process.env.BENCH_SOCKETS);
/** The load clients of one scale are stopped after this, whatever they are doing. */
const CLIENTS_DEADLINE_MS = 240_000;
jest.setTimeout(SCALES.length * (CLIENTS_DEADLINE_MS + 180_000));

const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');

/** Runs the load clients for these rooms and reads the report they write before exiting. */
async function runClients(baseUrl: string, rooms: LoadRoom[], plan: ScalePlan): Promise<LoadReport> {
  const folder = mkdtempSync(join(tmpdir(), 'vetmeet-signaling-bench-'));
  const reportPath = join(folder, 'report.json');
  try {
    const clients = fork(join(__dirname, 'signaling', 'load-clients.mjs'), [], { stdio: 'inherit' });
    const deadline = setTimeout(() => clients.kill('SIGKILL'), CLIENTS_DEADLINE_MS);
    const exitCode = await new Promise<number | null>((resolve) => {
      clients.once('exit', (code) => resolve(code));
      clients.send({ baseUrl, rooms, plan, reportPath });
    });
    clearTimeout(deadline);
    try {
      return JSON.parse(readFileSync(reportPath, 'utf8')) as LoadReport;
    } catch {
      throw new Error(`the load clients exited (${exitCode ?? 'killed'}) without a report`);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('signaling round trips', () => {
  it.each(SCALES)('measures ping and chat acknowledgement round trips with %i sockets', async (sockets) => {
    const plan = planFor(sockets);
    const loadBefore = load();
    const testApp = await startTestApp({ TRUST_PROXY: 'loopback', LOG_LEVEL: 'error' });
    try {
      const startedAt = performance.now();
      const rooms = await createLoadRooms(testApp, plan);
      const createdS = ((performance.now() - startedAt) / 1_000).toFixed(0);
      const report = await runClients(testApp.baseUrl, rooms, plan);
      if (!report.ok) throw new Error(report.error);
      console.log(
        [
          `signaling round trips, ${availableParallelism()} cores, load average ${loadBefore} before, ${load()} after ` +
            `(${plan.consultations} consultations created in ${createdS} s)`,
          ...describeScale(plan, report),
        ].join('\n'),
      );
      // Figures, not a verdict: a scale this machine cannot seat whole is printed as it is.
      expect(report.seated).toBeGreaterThan(0);
      expect(report.phases.pingQuiet.samples.length).toBeGreaterThan(0);
    } finally {
      await testApp.close();
    }
  });
});
