import { ErrorCode, SESSION_NAMESPACE, SessionRequest } from '@vetmeet/contracts';
import { io, type Socket } from 'socket.io-client';
import request from 'supertest';
import { registerAndSignIn, STRONG_PASSWORD } from '../support/accounts';
import { startTestApp, type TestApp } from '../support/test-app';

describe('socket.io authenticated from the session cookie', () => {
  let testApp: TestApp;

  const connect = (cookie?: string): Socket =>
    io(`${testApp.baseUrl}${SESSION_NAMESPACE}`, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: cookie ? { Cookie: cookie } : {} });
  const refusedWith = (socket: Socket) =>
    new Promise<{ code?: string }>((resolve) => socket.once('connect_error', (error: Error & { data?: { code?: string } }) => resolve(error.data ?? {})));
  const connected = (socket: Socket) => new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const cookieOf = (response: request.Response) => (response.headers['set-cookie'] as unknown as string[])[0].split(';')[0];

  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp?.close());

  it('refuses a handshake without a session, or with a forged one', async () => {
    const anonymous = connect();
    expect(await refusedWith(anonymous)).toMatchObject({ code: ErrorCode.Unauthenticated });
    anonymous.close();
    const forged = connect(`vetmeet_session=${'x'.repeat(43)}`);
    expect(await refusedWith(forged)).toMatchObject({ code: ErrorCode.Unauthenticated });
    forged.close();
  });

  it('knows who connected, and closes the socket the moment its session is revoked elsewhere', async () => {
    const person = await registerAndSignIn(testApp.baseUrl);
    const laptop = await request(testApp.baseUrl).post('/api/auth/sign-in').send({ email: person.email, password: STRONG_PASSWORD }).expect(200);
    const socket = connect(cookieOf(laptop));
    await connected(socket);
    const whoAmI = await socket.timeout(5_000).emitWithAck(SessionRequest.WhoAmI, {});
    expect(whoAmI).toEqual({ ok: true, data: { userId: person.session.account.id, sessionId: expect.any(String) } });

    const ended = new Promise((resolve) => socket.once('session:ended', resolve));
    const disconnected = new Promise((resolve) => socket.once('disconnect', resolve));
    await person.agent.delete(`/api/auth/sessions/${whoAmI.data.sessionId}`).set('X-CSRF-Token', person.session.csrfToken).expect(204);
    await expect(ended).resolves.toEqual({ reason: 'revoked' });
    await disconnected;

    const again = connect(cookieOf(laptop));
    expect(await refusedWith(again)).toMatchObject({ code: ErrorCode.Unauthenticated });
    again.close();
  });
});
