import { fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createConsultationFor, type ConsultationFixture } from '../test/support/consultations';
import { cookieHeaderOf } from '../test/support/room-client';
import { startTestApp, type TestApp } from '../test/support/test-app';
import { percentile, summarize } from './percentiles';

/**
 * Signaling acknowledgement round trips with 200 connected sockets: 100 consultations, an
 * owner and a consultant in each, all admitted into their calls. The sockets live in a
 * child process (bench/signaling/load-clients.mjs) so client and server never share an
 * event loop. `room:ping` measures the signaling path itself (socket.io, the rate limiter,
 * validation, the acknowledgement); `chat:send` adds a database write with its audit event,
 * encryption and the broadcast to the other side. Each one socket at a time (latency),
 * under a steady load, and in a burst from every socket at once (queueing).
 */
jest.setTimeout(300_000);

const CONSULTATIONS = 100;
const PING_ROUNDS = 25;
const CHAT_ROUNDS = 5;

type Samples = number[];
interface LoadResult {
  ok: boolean;
  error?: string;
  connected: number;
  pingQuiet: Samples;
  pingSteady: Samples;
  pingBurst: Samples;
  chatQuiet: Samples;
  chatSteady: Samples;
  chatBurst: Samples;
}

describe('signaling round trips (200 sockets)', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ TRUST_PROXY: 'loopback', LOG_LEVEL: 'error' });
  });
  afterAll(() => testApp?.close());

  it('measures ping and chat acknowledgement round trips', async () => {
    const first = await createConsultationFor(testApp);
    const fixtures: ConsultationFixture[] = [first];
    while (fixtures.length < CONSULTATIONS) fixtures.push(await createConsultationFor(testApp, { between: first }));
    const rooms = fixtures.map((fixture) => ({
      consultationId: fixture.consultationId,
      ownerCookie: cookieHeaderOf(fixture.owner.agent),
      ownerUserId: fixture.owner.userId,
      consultantCookie: cookieHeaderOf(fixture.consultant.agent),
    }));

    const clients = fork(join(__dirname, 'signaling', 'load-clients.mjs'), [], { stdio: 'inherit' });
    const result = await new Promise<LoadResult>((resolve, reject) => {
      clients.once('message', (message) => resolve(message as LoadResult));
      clients.once('exit', (code) => reject(new Error(`load clients exited (${code}) before reporting`)));
      clients.send({ baseUrl: testApp.baseUrl, rooms, rounds: PING_ROUNDS, chatRounds: CHAT_ROUNDS });
    });
    if (!result.ok) throw new Error(result.error);

    console.log(
      [
        `signaling round trips, ${result.connected} sockets connected and joined (${CONSULTATIONS} consultations), ${availableParallelism()} cores`,
        `  room:ping, one socket at a time:            ${summarize(result.pingQuiet)} (${result.pingQuiet.length} acks)`,
        `  room:ping, steady 200/s (1/s per socket):   ${summarize(result.pingSteady)} (${result.pingSteady.length} acks)`,
        `  room:ping, burst (all sockets at once):     ${summarize(result.pingBurst)} (${result.pingBurst.length} acks)`,
        `  chat:send, one socket at a time:            ${summarize(result.chatQuiet)} (${result.chatQuiet.length} acks)`,
        `  chat:send, steady 40/s (1 per 5 s/socket):  ${summarize(result.chatSteady)} (${result.chatSteady.length} acks)`,
        `  chat:send, burst (all sockets at once):     ${summarize(result.chatBurst)} (${result.chatBurst.length} acks)`,
      ].join('\n'),
    );
    expect(result.connected).toBe(2 * CONSULTATIONS);
    expect(percentile(result.pingQuiet, 50)).toBeGreaterThan(0);
  });
});
