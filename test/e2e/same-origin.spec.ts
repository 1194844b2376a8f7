import { ErrorCode, SESSION_NAMESPACE } from '@vetmeet/contracts';
import { io } from 'socket.io-client';
import request from 'supertest';
import { newAccount, registerAndSignIn, STRONG_PASSWORD } from '../support/accounts';
import { startTestApp, type TestApp } from '../support/test-app';

describe('requests from other sites', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp?.close());

  it("cannot sign a visitor in with another site's HTML form (login CSRF)", async () => {
    const account = newAccount();
    await request(testApp.baseUrl).post('/api/accounts').send(account).expect(202);
    const form = `email=${encodeURIComponent(account.email)}&password=${encodeURIComponent(STRONG_PASSWORD)}`;
    // The form's own content type: no parser reads it, so there is nothing to sign in with.
    const plainForm = await request(testApp.baseUrl).post('/api/auth/sign-in').type('form').send(form);
    expect(plainForm.status).toBe(400);
    expect(plainForm.headers['set-cookie']).toBeUndefined();
    // Even JSON sent by a page of another origin is refused before any handler runs.
    const crossSite = await request(testApp.baseUrl).post('/api/auth/sign-in').set('Origin', 'https://evil.example').send({ email: account.email, password: STRONG_PASSWORD });
    expect(crossSite.status).toBe(403);
    expect(crossSite.body.code).toBe(ErrorCode.CsrfTokenInvalid);
    expect(crossSite.headers['set-cookie']).toBeUndefined();
    // The same request from our own pages works.
    await request(testApp.baseUrl).post('/api/auth/sign-in').set('Origin', testApp.baseUrl).send({ email: account.email, password: STRONG_PASSWORD }).expect(200);
  });

  it('refuses a page of our own host over the other scheme: an https Origin on an http request', async () => {
    const account = newAccount();
    await request(testApp.baseUrl).post('/api/accounts').send(account).expect(202);
    const credentials = { email: account.email, password: STRONG_PASSWORD };
    const signIn = (origin: string) =>
      request(testApp.baseUrl).post('/api/auth/sign-in').set('Origin', origin).send(credentials);
    const refused = await signIn(testApp.baseUrl.replace(/^http:/, 'https:'));
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe(ErrorCode.CsrfTokenInvalid);
    expect(refused.headers['set-cookie']).toBeUndefined();
    // Another port of the same host is another origin too.
    const url = new URL(testApp.baseUrl);
    const otherPort = `http://${url.hostname}:${Number(url.port) === 65535 ? 1 : Number(url.port) + 1}`;
    expect((await signIn(otherPort)).status).toBe(403);
  });

  it('refuses a socket.io handshake from another origin, even with a valid session cookie', async () => {
    const person = await registerAndSignIn(testApp.baseUrl);
    const response = await request(testApp.baseUrl).post('/api/auth/sign-in').send({ email: person.email, password: STRONG_PASSWORD }).expect(200);
    const cookie = (response.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    const connect = (origin: string) =>
      new Promise<'connected' | 'refused'>((resolve) => {
        const socket = io(`${testApp.baseUrl}${SESSION_NAMESPACE}`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { Cookie: cookie, Origin: origin } });
        socket.once('connect', () => (socket.close(), resolve('connected')));
        socket.once('connect_error', () => (socket.close(), resolve('refused')));
      });
    expect(await connect('https://evil.example')).toBe('refused');
    expect(await connect(testApp.baseUrl)).toBe('connected');
  });
});

describe('requests from other sites behind a trusted proxy that ends TLS', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => testApp?.close());

  it('compares the Origin with the scheme the proxy forwarded: http:// on an https request is refused', async () => {
    const account = newAccount();
    await request(testApp.baseUrl).post('/api/accounts').send(account).expect(202);
    const credentials = { email: account.email, password: STRONG_PASSWORD };
    const host = new URL(testApp.baseUrl).host;
    const signIn = (origin: string) =>
      request(testApp.baseUrl)
        .post('/api/auth/sign-in')
        .set({ 'X-Forwarded-Proto': 'https', Origin: origin })
        .send(credentials);
    const plainHttp = await signIn(`http://${host}`);
    expect(plainHttp.status).toBe(403);
    expect(plainHttp.body.code).toBe(ErrorCode.CsrfTokenInvalid);
    await signIn(`https://${host}`).expect(200);
  });

  it('refuses a socket.io handshake whose Origin has the other scheme', async () => {
    const host = new URL(testApp.baseUrl).host;
    const handshake = (origin: string) =>
      request(testApp.baseUrl)
        .get('/socket.io/?EIO=4&transport=polling')
        .set({ 'X-Forwarded-Proto': 'https', Origin: origin });
    expect((await handshake(`http://${host}`)).status).toBe(403);
    expect((await handshake(`https://${host}`)).status).toBe(200);
  });
});
