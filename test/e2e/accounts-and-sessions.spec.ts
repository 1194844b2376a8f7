import { ErrorCode, type PrivacyPolicyView, type SessionAnswer } from '@vetmeet/contracts';
import { Client } from 'pg';
import request from 'supertest';
import { newAccount, registerAndSignIn, STRONG_PASSWORD } from '../support/accounts';
import { startTestApp, type TestApp } from '../support/test-app';

describe('accounts, sign-in and sessions', () => {
  let testApp: TestApp;
  let owner: Client;
  const api = () => request(testApp.baseUrl);
  const auditActions = async (entityId: string) =>
    (await owner.query('SELECT action, outcome FROM audit_events WHERE entity_id = $1 OR actor_user_id::text = $1 ORDER BY chain_seq', [entityId])).rows;

  beforeAll(async () => {
    testApp = await startTestApp();
    owner = new Client({ connectionString: testApp.database.url });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await testApp?.close();
  });

  it('registers an adult who accepted the privacy policy, storing only an argon2id hash', async () => {
    const account = newAccount();
    const created = await api().post('/api/accounts').send(account);
    expect(created.body).toEqual({ status: 'verification_sent' });
    expect(created.status).toBe(202);
    const { rows } = await owner.query('SELECT password_hash, privacy_policy_version, adult_confirmed_at FROM users WHERE email = $1', [account.email]);
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(rows[0].password_hash).not.toContain(account.password);
    expect(rows[0]).toMatchObject({ privacy_policy_version: '2026-11-01', adult_confirmed_at: expect.any(Date) });
  });

  it.each([
    ['no 18+ confirmation', { adultConfirmed: false }, ErrorCode.ValidationFailed],
    ['an old privacy policy version', { privacyPolicyVersion: '2020-01-01' }, ErrorCode.ValidationFailed],
    ['a short password', { password: 'short' }, ErrorCode.ValidationFailed],
    ['a common password', { password: 'Password1234' }, ErrorCode.WeakPassword],
    ['a password made of the e-mail', { email: 'bartholomew@example.test', password: 'bartholomew-2026' }, ErrorCode.WeakPassword],
    ['an unknown time zone', { timeZone: 'Mars/Olympus' }, ErrorCode.ValidationFailed],
    ['a bad country code', { country: 'Ukraine' }, ErrorCode.ValidationFailed],
    ['a role (mass assignment)', { role: 'clinic_admin' }, ErrorCode.ValidationFailed],
    ['a clinic id (mass assignment)', { clinicId: '8d3c1e2a-0000-4000-8000-000000000000' }, ErrorCode.ValidationFailed],
    ['an e-mail that is not one', { email: 'not-an-email' }, ErrorCode.ValidationFailed],
  ])('refuses %s with a code and creates nothing', async (_, overrides, code) => {
    const account = newAccount(overrides);
    const response = await api().post('/api/accounts').send(account);
    expect(response.body.code).toBe(code);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect((await owner.query('SELECT 1 FROM users WHERE email = $1', [account.email])).rowCount).toBe(0);
  });

  it('answers a second registration of the same address exactly like the first, and keeps the first account', async () => {
    const account = newAccount();
    await api().post('/api/accounts').send(account).expect(202);
    const again = await api().post('/api/accounts').send({ ...account, displayName: 'Impostor', password: 'another long passphrase' });
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ status: 'verification_sent' });
    expect((await owner.query('SELECT display_name FROM users WHERE email = $1', [account.email])).rows).toEqual([{ display_name: 'Maria Kovalenko' }]);
  });

  it('signs in with an httpOnly SameSite cookie, describes the session, and audits it', async () => {
    const account = newAccount();
    await api().post('/api/accounts').send(account).expect(202);
    const response = await api().post('/api/auth/sign-in').send({ email: account.email.toUpperCase(), password: account.password }).expect(200);
    const cookie = response.headers['set-cookie'][0];
    expect(cookie).toMatch(/^vetmeet_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(response.body).toMatchObject({ account: { email: account.email, emailVerified: false, timeZone: 'Europe/Kyiv' }, memberships: [], csrfToken: expect.any(String) });
    expect(JSON.stringify(response.body)).not.toMatch(/argon2|password/i);
    const sessionToken = cookie.split(';')[0].split('=')[1];
    expect((await owner.query('SELECT 1 FROM sessions WHERE token_hash = $1', [Buffer.from(sessionToken)])).rowCount).toBe(0);
    expect(await auditActions(response.body.account.id)).toEqual(
      expect.arrayContaining([{ action: 'account.register', outcome: 'success' }, { action: 'account.sign_in', outcome: 'success' }]),
    );
  });

  it('refuses a wrong password and an unknown address alike', async () => {
    const { email } = await registerAndSignIn(testApp.baseUrl);
    const wrong = await api().post('/api/auth/sign-in').send({ email, password: 'not the password at all' }).expect(401);
    const unknown = await api().post('/api/auth/sign-in').send({ email: 'nobody-here@example.test', password: STRONG_PASSWORD }).expect(401);
    expect(wrong.body.code).toBe(ErrorCode.InvalidCredentials);
    expect(unknown.body).toEqual({ ...wrong.body, requestId: unknown.body.requestId });
  });

  it('locks an account after five wrong passwords, even for the right one, and audits every failure', async () => {
    const { email, session } = await registerAndSignIn(testApp.baseUrl);
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect((await api().post('/api/auth/sign-in').send({ email, password: `wrong guess number ${attempt}` })).body.code).toBe(ErrorCode.InvalidCredentials);
    }
    expect((await api().post('/api/auth/sign-in').send({ email, password: 'wrong guess number 5' })).body.code).toBe(ErrorCode.AccountLocked);
    const locked = await api().post('/api/auth/sign-in').send({ email, password: STRONG_PASSWORD });
    expect(locked.status).toBe(423);
    expect(locked.body.code).toBe(ErrorCode.AccountLocked);
    const [retryAfter] = locked.body.details as string[];
    expect(Number(retryAfter.replace('retryAfterSeconds: ', ''))).toBeGreaterThan(14 * 60);
    const failures = (await auditActions(session.account.id)).filter((event) => event.action === 'account.sign_in' && event.outcome === 'failure');
    expect(failures).toHaveLength(6);
  });

  it('requires a session for everything not public, and ignores forged cookies', async () => {
    expect((await api().get('/api/accounts/me').expect(401)).body.code).toBe(ErrorCode.Unauthenticated);
    const forged = await api().get('/api/accounts/me').set('Cookie', 'vetmeet_session=' + 'A'.repeat(43)).expect(401);
    expect(forged.body.code).toBe(ErrorCode.Unauthenticated);
    expect(forged.headers['set-cookie']?.[0]).toMatch(/^vetmeet_session=;/);
    await api().get('/health').expect(200);
  });

  it('hands out the privacy policy text with the version sign-up accepts, in one answer', async () => {
    const policy = (await api().get('/api/privacy-policy').expect(200)).body as PrivacyPolicyView;
    expect(policy.version).toBe(newAccount().privacyPolicyVersion);
    const promised = ['what-we-collect', 'who-sees-what', 'retention', 'rights', 'breaches', 'processors'];
    expect(policy.sections.map((section) => section.id)).toEqual(expect.arrayContaining(promised));
    expect(policy.sections.every((section) => section.heading.length > 0 && section.paragraphs.length > 0)).toBe(true);
    await api().post('/api/accounts').send({ ...newAccount(), privacyPolicyVersion: policy.version }).expect(202);
  });

  it('answers signed out as a state: 200 { signedIn: false }, for an ended or forged cookie too', async () => {
    expect((await api().get('/api/auth/session').expect(200)).body).toEqual({ signedIn: false });
    const forged = await api().get('/api/auth/session').set('Cookie', 'vetmeet_session=' + 'A'.repeat(43)).expect(200);
    expect(forged.body).toEqual({ signedIn: false });
    expect(forged.headers['set-cookie']?.[0]).toMatch(/^vetmeet_session=;/);

    const { agent, session } = await registerAndSignIn(testApp.baseUrl);
    const signedIn = (await agent.get('/api/auth/session').expect(200)).body as SessionAnswer;
    expect(signedIn).toMatchObject({
      signedIn: true,
      csrfToken: session.csrfToken,
      account: { email: session.account.email },
    });
    await agent.post('/api/auth/sign-out').set('X-CSRF-Token', session.csrfToken).expect(204);
    expect((await agent.get('/api/auth/session').expect(200)).body).toEqual({ signedIn: false });
  });

  it('demands the CSRF token on cookie-authenticated writes', async () => {
    const { agent, session } = await registerAndSignIn(testApp.baseUrl);
    expect((await agent.post('/api/auth/sign-out').expect(403)).body.code).toBe(ErrorCode.CsrfTokenInvalid);
    expect((await agent.post('/api/auth/sign-out').set('X-CSRF-Token', 'x'.repeat(43)).expect(403)).body.code).toBe(ErrorCode.CsrfTokenInvalid);
    await agent.get('/api/accounts/me').expect(200);
    await agent.post('/api/auth/sign-out').set('X-CSRF-Token', session.csrfToken).expect(204);
  });

  it('ends a session on sign-out: the old cookie, replayed, gets nothing', async () => {
    const { agent, session } = await registerAndSignIn(testApp.baseUrl);
    const cookie = (await agent.get('/api/auth/session').expect(200)).request.cookies;
    await agent.post('/api/auth/sign-out').set('X-CSRF-Token', session.csrfToken).expect(204);
    const replay = await api().get('/api/accounts/me').set('Cookie', cookie).expect(401);
    expect(replay.body.code).toBe(ErrorCode.Unauthenticated);
  });

  it('lists sessions and revokes another one, but not somebody else’s', async () => {
    const first = await registerAndSignIn(testApp.baseUrl);
    const second = request.agent(testApp.baseUrl);
    const secondSession = (await second.post('/api/auth/sign-in').send({ email: first.email, password: STRONG_PASSWORD }).expect(200)).body;
    const list = (await first.agent.get('/api/auth/sessions').expect(200)).body as { id: string; current: boolean }[];
    expect(list).toHaveLength(2);
    const other = list.find((item) => !item.current)!;

    const stranger = await registerAndSignIn(testApp.baseUrl);
    await stranger.agent.delete(`/api/auth/sessions/${other.id}`).set('X-CSRF-Token', stranger.session.csrfToken).expect(404);
    await second.get('/api/accounts/me').expect(200);

    await first.agent.delete(`/api/auth/sessions/${other.id}`).set('X-CSRF-Token', first.session.csrfToken).expect(204);
    expect((await second.get('/api/accounts/me').expect(401)).body.code).toBe(ErrorCode.Unauthenticated);
    expect(secondSession.csrfToken).not.toBe(first.session.csrfToken);
  });

  it('refuses a clinic the person does not belong to as if it did not exist', async () => {
    const { agent } = await registerAndSignIn(testApp.baseUrl);
    const response = await agent.get('/api/accounts/me').set('X-Clinic-Id', '0b5c5a50-5a3e-4d0e-9d54-2f4e7c6a1b2c').expect(404);
    expect(response.body.code).toBe(ErrorCode.NotFound);
  });
});
