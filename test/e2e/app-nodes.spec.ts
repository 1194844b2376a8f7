import { ErrorCode, type SessionView, type TotpEnrollmentView } from '@vetmeet/contracts';
import * as OTPAuth from 'otpauth';
import request from 'supertest';
import { registerAndSignIn, STRONG_PASSWORD } from '../support/accounts';
import { startRedis, type RedisServer } from '../support/redis';
import { startTestApp, type TestApp } from '../support/test-app';

/** Two app nodes over one database, as a deployment behind a load balancer runs them. */
describe('several app nodes over one database', () => {
  let nodeA: TestApp;
  let nodeB: TestApp;
  const settings = { TRUST_PROXY: 'loopback' };

  beforeAll(async () => {
    nodeA = await startTestApp(settings);
    nodeB = await startTestApp(settings, { database: nodeA.database });
  });
  afterAll(async () => {
    await nodeB?.close();
    await nodeA?.close();
  });

  it('accepts an authenticator code once across nodes', async () => {
    const person = await registerAndSignIn(nodeA.baseUrl);
    const write = (path: string) => person.agent.post(path).set('X-CSRF-Token', person.session.csrfToken);
    const enrollment = (await write('/api/auth/totp/enroll').expect(200)).body as TotpEnrollmentView;
    const authenticator = OTPAuth.URI.parse(enrollment.otpauthUri) as OTPAuth.TOTP;
    await write('/api/auth/totp/enable').send({ code: authenticator.generate({ timestamp: Date.now() - 30_000 }) }).expect(200);

    const code = authenticator.generate();
    const completeOn = async (node: TestApp) => {
      const agent = request.agent(node.baseUrl);
      const credentials = { email: person.email, password: STRONG_PASSWORD };
      const pending = (await agent.post('/api/auth/sign-in').send(credentials).expect(200)).body as SessionView;
      return agent.post('/api/auth/second-factor').set('X-CSRF-Token', pending.csrfToken).send({ code });
    };
    expect((await completeOn(nodeA)).status).toBe(200);
    const replayed = await completeOn(nodeB);
    expect(replayed.status).toBe(401);
    expect(replayed.body.code).toBe(ErrorCode.SecondFactorInvalid);
  });

  it('gives sign-in guessing one budget across nodes and restarts', async () => {
    const guessOn = (node: TestApp, count: number) =>
      request(node.baseUrl)
        .post('/api/auth/sign-in')
        .set('X-Forwarded-For', '192.0.2.77')
        .send({ email: `nobody-${count}@example.test`, password: 'a wrong guess' });
    // The per-address sign-in budget is 30 in 10 minutes: half spent on each node.
    for (let count = 0; count < 30; count += 1) await guessOn(count % 2 ? nodeA : nodeB, count).expect(401);
    expect((await guessOn(nodeB, 30).expect(429)).body.code).toBe(ErrorCode.RateLimited);

    await nodeB.close();
    nodeB = await startTestApp(settings, { database: nodeA.database });
    expect((await guessOn(nodeB, 31).expect(429)).headers['retry-after']).toMatch(/^\d+$/);
  });
});

/** With REDIS_URL the counters live in Redis: nodes share them even with no database in common. */
describe('several app nodes over one Redis', () => {
  let redis: RedisServer;
  let nodeA: TestApp;
  let nodeB: TestApp;

  beforeAll(async () => {
    redis = await startRedis();
    const settings = { TRUST_PROXY: 'loopback', REDIS_URL: redis.url };
    nodeA = await startTestApp(settings);
    nodeB = await startTestApp(settings);
  });
  afterAll(async () => {
    await nodeB?.close();
    await nodeA?.close();
    await redis?.stop();
  });

  const guessOn = (node: TestApp, count: number) =>
    request(node.baseUrl)
      .post('/api/auth/sign-in')
      .set('X-Forwarded-For', '192.0.2.88')
      .send({ email: `nobody-${count}@example.test`, password: 'a wrong guess' });

  it('gives sign-in guessing one budget across nodes', async () => {
    for (let count = 0; count < 30; count += 1) await guessOn(count % 2 ? nodeA : nodeB, count).expect(401);
    expect((await guessOn(nodeA, 30).expect(429)).body.code).toBe(ErrorCode.RateLimited);
  });

  it('answers 503 with Retry-After, not a hang or a 500, while Redis is away', async () => {
    await redis.stop();
    const refused = await guessOn(nodeA, 40).expect(503);
    expect(refused.body.code).toBe(ErrorCode.ServiceUnavailable);
    expect(refused.headers['retry-after']).toBe('1');
  });
});
