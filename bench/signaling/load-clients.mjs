// The socket.io side of bench:signaling, in its own process so the clients' event loop
// never shares a thread with the server it measures. Plain JavaScript: it is forked as is.
//
// Receives { baseUrl, rooms: [{ consultationId, ownerCookie, ownerUserId, consultantCookie }], rounds, chatRounds }
// over IPC, connects and seats everyone (owner waits, consultant admits), then measures
// acknowledgement round trips one socket at a time, under a steady load, and in a burst
// from every socket at once, and replies with the samples.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { io } from 'socket.io-client';

const ACK_TIMEOUT_MS = 10_000;

function connect(baseUrl, cookie) {
  const socket = io(`${baseUrl}/consultation-room`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { Cookie: cookie } });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function call(socket, event, payload = {}) {
  const answer = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
  if (!answer.ok) throw new Error(`${event}: ${answer.error.code}`);
  return answer.data;
}

/** Every socket sends `rounds` requests one after another; all sockets at once (a burst: queueing included). */
async function burst(sockets, rounds, makeRequest) {
  const samples = [];
  await Promise.all(
    sockets.map(async (socket) => {
      for (let round = 0; round < rounds; round += 1) samples.push(await timed(socket, makeRequest()));
    }),
  );
  return samples;
}

/** One socket at a time, the other sockets connected and quiet: the round trip without queueing. */
async function oneAtATime(sockets, makeRequest) {
  const samples = [];
  for (const socket of sockets) samples.push(await timed(socket, makeRequest()));
  return samples;
}

/** Every socket sends once per `intervalMs`, at its own offset, for `durationMs`: a steady load of sockets / interval per second. */
async function steady(sockets, intervalMs, durationMs, makeRequest) {
  const samples = [];
  const endAt = performance.now() + durationMs;
  await Promise.all(
    sockets.map(async (socket) => {
      await sleep(Math.random() * intervalMs);
      while (performance.now() < endAt) {
        const startedAt = performance.now();
        samples.push(await timed(socket, makeRequest()));
        await sleep(Math.max(0, intervalMs - (performance.now() - startedAt)));
      }
    }),
  );
  return samples;
}

async function timed(socket, [event, payload]) {
  const startedAt = performance.now();
  await call(socket, event, payload);
  return performance.now() - startedAt;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

process.once('message', async ({ baseUrl, rooms, rounds, chatRounds }) => {
  const sockets = [];
  try {
    for (const room of rooms) {
      const owner = await connect(baseUrl, room.ownerCookie);
      const consultant = await connect(baseUrl, room.consultantCookie);
      sockets.push(owner, consultant);
      await call(owner, 'room:join', { consultationId: room.consultationId });
      await call(consultant, 'room:join', { consultationId: room.consultationId });
      await call(consultant, 'room:admit', { userId: room.ownerUserId });
    }
    const ping = () => ['room:ping', {}];
    const chat = () => ['chat:send', { clientMessageId: randomUUID(), text: 'How is she eating today?' }];
    // Warm up (JIT, connection pool), then measure.
    await burst(sockets, 2, ping);
    const results = {
      pingQuiet: await oneAtATime(sockets, ping),
      pingSteady: await steady(sockets, 1_000, 10_000, ping),
      pingBurst: await burst(sockets, rounds, ping),
      chatQuiet: await oneAtATime(sockets, chat),
      chatSteady: await steady(sockets, 5_000, 10_000, chat),
      chatBurst: await burst(sockets, chatRounds, chat),
    };
    process.send({ ok: true, connected: sockets.filter((socket) => socket.connected).length, ...results });
  } catch (error) {
    process.send({ ok: false, error: String(error?.stack ?? error) });
  } finally {
    for (const socket of sockets) socket.disconnect();
    setTimeout(() => process.exit(0), 100).unref();
  }
});
