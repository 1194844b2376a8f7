import { ErrorCode, type SessionView, type TotpEnrollmentView } from '@vetmeet/contracts';
import * as OTPAuth from 'otpauth';
import request from 'supertest';
import { registerAndSignIn, STRONG_PASSWORD, type SignedIn } from '../support/accounts';
import { SESSION_COOKIE } from '../../apps/api/src/sessions/session-policy';
import { startTestApp, type TestApp } from '../support/test-app';

describe('two-step sign-in (TOTP and recovery codes)', () => {
  let testApp: TestApp;
  let person: SignedIn;
  let authenticator: OTPAuth.TOTP;
  let recoveryCodes: string[];
  const writeAs = (who: SignedIn) => (path: string) => who.agent.post(path).set('X-CSRF-Token', who.session.csrfToken);
  /** A code for the next time step, so it was never used before in this test run. */
  const freshCode = (offsetSteps = 0) => authenticator.generate({ timestamp: Date.now() + offsetSteps * 30_000 });

  const signInWithPassword = async (): Promise<SignedIn> => {
    const agent = request.agent(testApp.baseUrl);
    const response = await agent.post('/api/auth/sign-in').send({ email: person.email, password: STRONG_PASSWORD }).expect(200);
    return { agent, session: response.body as SessionView, email: person.email };
  };

  beforeAll(async () => {
    testApp = await startTestApp();
    person = await registerAndSignIn(testApp.baseUrl);
  });
  afterAll(() => testApp?.close());

  it('enrols an authenticator and switches it on only with a correct code, returning recovery codes once', async () => {
    const enrollment = (await writeAs(person)('/api/auth/totp/enroll').expect(200)).body as TotpEnrollmentView;
    expect(enrollment.otpauthUri).toMatch(/^otpauth:\/\/totp\/Vetmeet:/);
    authenticator = OTPAuth.URI.parse(enrollment.otpauthUri) as OTPAuth.TOTP;

    expect((await writeAs(person)('/api/auth/totp/enable').send({ code: '000000' }).expect(401)).body.code).toBe(ErrorCode.SecondFactorInvalid);
    const enabled = await writeAs(person)('/api/auth/totp/enable').send({ code: freshCode(-1) }).expect(200);
    recoveryCodes = enabled.body.recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect((await person.agent.get('/api/accounts/me').expect(200)).body.twoFactorEnabled).toBe(true);
    expect((await writeAs(person)('/api/auth/totp/enroll').expect(409)).body.code).toBe(ErrorCode.SecondFactorState);
  });

  it('asks for the code after the password, and lets the half-signed-in session do nothing else', async () => {
    const pending = await signInWithPassword();
    expect(pending.session).toMatchObject({ secondFactorPending: true, memberships: [] });
    expect((await pending.agent.get('/api/accounts/me').expect(401)).body.code).toBe(ErrorCode.SecondFactorRequired);
    expect((await pending.agent.get('/api/pets').expect(401)).body.code).toBe(ErrorCode.SecondFactorRequired);
    expect((await writeAs(pending)('/api/auth/second-factor').send({ code: '123456' }).expect(401)).body.code).toBe(ErrorCode.SecondFactorInvalid);

    const code = freshCode(0);
    const done = await writeAs(pending)('/api/auth/second-factor').send({ code }).expect(200);
    expect(done.body.secondFactorPending).toBe(false);
    await pending.agent.get('/api/accounts/me').expect(200);

    // The same code cannot sign in a second session.
    const another = await signInWithPassword();
    expect((await writeAs(another)('/api/auth/second-factor').send({ code }).expect(401)).body.code).toBe(ErrorCode.SecondFactorInvalid);
  });

  it('gives a new session token and CSRF token after the second factor, ending the half-signed-in one', async () => {
    // Driven by the raw cookie, as someone who planted or saw the half-signed-in session's token would.
    const as = (token: string | undefined) => ({
      get: (path: string) => request(testApp.baseUrl).get(path).set('Cookie', `${SESSION_COOKIE}=${token}`),
      post: (path: string) => request(testApp.baseUrl).post(path).set('Cookie', `${SESSION_COOKIE}=${token}`),
    });
    const cookieOf = (response: request.Response) =>
      new RegExp(`${SESSION_COOKIE}=([^;]*)`).exec(String(response.headers['set-cookie'] ?? ''))?.[1];
    const credentials = { email: person.email, password: STRONG_PASSWORD };
    const passwordStep = await request(testApp.baseUrl).post('/api/auth/sign-in').send(credentials).expect(200);
    const before = cookieOf(passwordStep);
    const halfSignedIn = passwordStep.body as SessionView;
    expect(before).toBeTruthy();

    const done = await as(before)
      .post('/api/auth/second-factor')
      .set('X-CSRF-Token', halfSignedIn.csrfToken)
      .send({ code: freshCode(1) })
      .expect(200);
    const after = cookieOf(done);
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
    expect((done.body as SessionView).csrfToken).not.toBe(halfSignedIn.csrfToken);

    await as(after).get('/api/accounts/me').expect(200);
    expect((await as(before).get('/api/accounts/me').expect(401)).body.code).toBe(ErrorCode.Unauthenticated);
    expect((await as(before).get('/api/auth/session').expect(200)).body).toEqual({ signedIn: false });
  });

  it('accepts each recovery code once', async () => {
    const first = await signInWithPassword();
    await writeAs(first)('/api/auth/second-factor').send({ recoveryCode: recoveryCodes[0].toUpperCase() }).expect(200);
    const second = await signInWithPassword();
    expect((await writeAs(second)('/api/auth/second-factor').send({ recoveryCode: recoveryCodes[0] }).expect(401)).body.code).toBe(ErrorCode.SecondFactorInvalid);
    await writeAs(second)('/api/auth/second-factor').send({ recoveryCode: recoveryCodes[1] }).expect(200);
  });

  it('refuses malformed codes with VALIDATION_FAILED', async () => {
    const pending = await signInWithPassword();
    expect((await writeAs(pending)('/api/auth/second-factor').send({ code: '12ab56' }).expect(400)).body.code).toBe(ErrorCode.ValidationFailed);
    expect((await writeAs(pending)('/api/auth/second-factor').send({ code: '123456', extra: true }).expect(400)).body.code).toBe(ErrorCode.ValidationFailed);
  });
});
