import { ErrorCode } from '@vetmeet/contracts';
import request from 'supertest';
import { newAccount, STRONG_PASSWORD } from '../support/accounts';
import { startTestApp, type TestApp } from '../support/test-app';

const PER_ADDRESS = 40;
const PER_ACCOUNT = 4;

/** The seconds a 429 (or 423) asks to wait: the Retry-After header, which the body's details repeat. */
function retryAfterOf(response: request.Response): number {
  const header = Number(response.headers['retry-after']);
  expect(Number.isInteger(header)).toBe(true);
  expect(response.body.details).toContain(`retryAfterSeconds: ${header}`);
  return header;
}

describe('rate limits over HTTP', () => {
  let testApp: TestApp;
  /** Requests from one client address (the app trusts the loopback proxy's X-Forwarded-For). */
  const from = (address: string) => ({
    get: (path: string) => request(testApp.baseUrl).get(path).set('X-Forwarded-For', address),
    post: (path: string) => request(testApp.baseUrl).post(path).set('X-Forwarded-For', address),
  });

  beforeAll(async () => {
    testApp = await startTestApp({
      TRUST_PROXY: 'loopback',
      RATE_LIMIT_PER_ADDRESS_PER_MINUTE: String(PER_ADDRESS),
      RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: String(PER_ACCOUNT),
    });
  });
  afterAll(() => testApp?.close());

  it('answers an address over its budget 429 RATE_LIMITED with Retry-After; /health, others pass', async () => {
    const client = from('203.0.113.10');
    // Express routes paths case-insensitively: /API/ is the same API and spends the same budget.
    const path = (count: number) => (count % 2 ? '/api/auth/session' : '/API/auth/session');
    const ask = (count: number) => client.get(path(count)).set('Accept', 'application/json');
    for (let count = 0; count < PER_ADDRESS; count += 1) await ask(count).expect(200);
    expect((await ask(0)).status).toBe(429);
    const refused = await client.get('/api/auth/session').expect(429);
    expect(refused.body.code).toBe(ErrorCode.RateLimited);
    const seconds = retryAfterOf(refused);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    expect((await client.post('/api/auth/sign-in').send({ email: 'a@example.test', password: 'x' })).status).toBe(429);

    expect((await client.get('/health')).status).not.toBe(429);
    await from('203.0.113.11').get('/api/auth/session').expect(200);
  });

  it('answers an account over its budget 429 from whatever address it comes', async () => {
    const account = newAccount();
    await from('198.51.100.1').post('/api/accounts').send(account).expect(202);
    const credentials = { email: account.email, password: account.password };
    const signIn = await from('198.51.100.2').post('/api/auth/sign-in').send(credentials).expect(200);
    const cookie = String(signIn.headers['set-cookie']).split(';')[0];
    const me = (address: string) => from(address).get('/api/accounts/me').set('Cookie', cookie);
    for (let count = 0; count < PER_ACCOUNT; count += 1) await me(`198.51.100.${10 + count}`).expect(200);
    const refused = await me('198.51.100.99').expect(429);
    expect(refused.body.code).toBe(ErrorCode.RateLimited);
    expect(retryAfterOf(refused)).toBeLessThanOrEqual(60);
  });

  it('still refuses sign-in guessing per address and locks after 5 wrong passwords, saying when', async () => {
    const guess = (email: string) =>
      from('192.0.2.50').post('/api/auth/sign-in').send({ email, password: 'a wrong guess' });
    for (let count = 0; count < 30; count += 1) await guess(`nobody-${count}@example.test`).expect(401);
    const refused = await guess('nobody@example.test').expect(429);
    expect(refused.body.code).toBe(ErrorCode.RateLimited);
    expect(retryAfterOf(refused)).toBeGreaterThan(9 * 60);

    const account = newAccount();
    await from('192.0.2.60').post('/api/accounts').send(account).expect(202);
    const signIn = (password: string) =>
      from('192.0.2.61').post('/api/auth/sign-in').send({ email: account.email, password });
    for (let attempt = 1; attempt <= 4; attempt += 1) await signIn(`wrong guess ${attempt}`).expect(401);
    await signIn('wrong guess 5').expect(423);
    const locked = await signIn(STRONG_PASSWORD).expect(423);
    expect(locked.body.code).toBe(ErrorCode.AccountLocked);
    expect(retryAfterOf(locked)).toBeGreaterThan(14 * 60);
  });
});
