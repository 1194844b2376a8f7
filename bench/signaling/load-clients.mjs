// The socket.io side of bench:signaling, in its own process so the clients' event loop
// never shares a thread with the server it measures. Plain JavaScript: it is forked as is.
//
// Receives { baseUrl, rooms: [{ consultationId, ownerCookie, ownerUserId, consultantCookie }], plan, reportPath }
// over IPC (see bench/signaling/scales.ts for the plan and the report), connects and seats
// everyone (owner waits, consultant admits), then measures acknowledgement round trips one
// socket at a time, under a steady load, and in a burst, and writes the samples to
// reportPath before it exits: a report of thousands of samples sent over IPC just before
// exiting was lost when the process ended first.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';

const ACK_TIMEOUT_MS = 10_000;
/** Seating is set-up, not measured: a busy server may take longer, and a room that fails is left out and counted. */
const SEATING_ACK_TIMEOUT_MS = 30_000;
/** Rooms seated at once: enough to be quick, few enough not to measure a connection storm. */
const SEATING_CONCURRENCY = 20;

function connect(baseUrl, cookie) {
  const socket = io(`${baseUrl}/consultation-room`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { Cookie: cookie } });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function call(socket, event, payload = {}) {
  const answer = await socket.timeout(SEATING_ACK_TIMEOUT_MS).emitWithAck(event, payload);
  if (!answer.ok) throw new Error(`${event}: ${answer.error.code}`);
  return answer.data;
}

/** Samples of one phase; a request that times out or is refused is counted, not fatal. */
function newPhase() {
  return { samples: [], timedOut: 0, failed: 0, failures: {} };
}

async function timed(phase, socket, [event, payload]) {
  const startedAt = performance.now();
  try {
    const answer = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
    if (answer.ok) {
      phase.samples.push(performance.now() - startedAt);
    } else {
      phase.failed += 1;
      phase.failures[answer.error.code] = (phase.failures[answer.error.code] ?? 0) + 1;
    }
  } catch {
    phase.timedOut += 1;
  }
}

/** Every socket sends `rounds` requests one after another; all sockets at once (a burst: queueing included). */
async function burst(sockets, rounds, makeRequest) {
  const phase = newPhase();
  await Promise.all(
    sockets.map(async (socket) => {
      for (let round = 0; round < rounds; round += 1) await timed(phase, socket, makeRequest());
    }),
  );
  return phase;
}

/** One socket at a time, the other sockets connected and quiet: the round trip without queueing. */
async function oneAtATime(sockets, makeRequest) {
  const phase = newPhase();
  for (const socket of sockets) await timed(phase, socket, makeRequest());
  return phase;
}

/** Every socket sends once per `intervalMs`, at its own offset, for `durationMs`: a steady load of sockets / interval per second. */
async function steady(sockets, intervalMs, durationMs, makeRequest) {
  const phase = newPhase();
  const startAt = performance.now();
  const endAt = startAt + durationMs;
  await Promise.all(
    sockets.map(async (socket) => {
      // With an interval longer than the phase, only the sockets whose turn comes within it send.
      const offset = Math.random() * intervalMs;
      if (offset >= durationMs) return;
      await sleep(offset);
      for (let sendAt = startAt + offset; performance.now() < endAt; sendAt += intervalMs) {
        await timed(phase, socket, makeRequest());
        await sleep(Math.max(0, sendAt + intervalMs - performance.now()));
      }
    }),
  );
  return phase;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** `count` of the sockets, spread evenly over all of them. */
function spread(sockets, count) {
  const step = sockets.length / count;
  return Array.from({ length: count }, (_, index) => sockets[Math.floor(index * step)]);
}

async function seat(baseUrl, room) {
  const owner = await connect(baseUrl, room.ownerCookie);
  const consultant = await connect(baseUrl, room.consultantCookie).catch((error) => {
    owner.disconnect();
    throw error;
  });
  try {
    await call(owner, 'room:join', { consultationId: room.consultationId });
    await call(consultant, 'room:join', { consultationId: room.consultationId });
    await call(consultant, 'room:admit', { userId: room.ownerUserId });
    return [owner, consultant];
  } catch (error) {
    owner.disconnect();
    consultant.disconnect();
    throw error;
  }
}

/** Seats every room it can; returns why the others could not be seated. */
async function seatAll(baseUrl, rooms, sockets) {
  const failures = {};
  let next = 0;
  const worker = async () => {
    while (next < rooms.length) {
      const room = rooms[next];
      next += 1;
      try {
        sockets.push(...(await seat(baseUrl, room)));
      } catch (error) {
        const reason = String(error?.message ?? error);
        failures[reason] = (failures[reason] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: SEATING_CONCURRENCY }, worker));
  return failures;
}

async function measure({ baseUrl, rooms, plan }, sockets) {
  const seatingStartedAt = performance.now();
  const seatingFailures = await seatAll(baseUrl, rooms, sockets);
  const seatedMs = performance.now() - seatingStartedAt;
  if (sockets.length === 0) throw new Error(`no room could be seated: ${JSON.stringify(seatingFailures)}`);
  const ping = () => ['room:ping', {}];
  const chat = () => ['chat:send', { clientMessageId: randomUUID(), text: 'How is she eating today?' }];
  const quiet = spread(sockets, plan.quietSockets);
  // Warm up (JIT, connection pool), then measure.
  await burst(quiet, 2, ping);
  const phases = {
    pingQuiet: await oneAtATime(quiet, ping),
    pingSteady: await steady(sockets, plan.pingSteadyIntervalMs, plan.steadyMs, ping),
    pingBurst: await burst(sockets, plan.pingBurstRounds, ping),
    chatQuiet: await oneAtATime(quiet, chat),
    chatSteady: await steady(sockets, plan.chatSteadyIntervalMs, plan.steadyMs, chat),
    chatBurst: await burst(spread(sockets, plan.chatBurstSockets), plan.chatBurstRounds, chat),
  };
  return { ok: true, connected: sockets.filter((socket) => socket.connected).length, seated: sockets.length, seatingFailures, seatedMs, phases };
}

process.once('message', async (task) => {
  const sockets = [];
  let report;
  try {
    report = await measure(task, sockets);
  } catch (error) {
    report = { ok: false, error: String(error?.stack ?? error), connected: sockets.length };
  }
  writeFileSync(task.reportPath, JSON.stringify(report));
  for (const socket of sockets) socket.disconnect();
  process.exit(0);
});
