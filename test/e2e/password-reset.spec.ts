import { ErrorCode } from '@vetmeet/contracts';
import { Client } from 'pg';
import request from 'supertest';
import { newAccount } from '../support/accounts';
import { linkToken, sha256, TEST_PUBLIC_URL } from '../support/mail-links';
import { startMailTestApp } from '../support/mail-test-app';
import type { CapturedMail, SmtpCapture } from '../support/smtp-capture';
import type { TestApp } from '../support/test-app';

const PUBLIC_URL = TEST_PUBLIC_URL;
const NEW_PASSWORD = 'seven quiet otters by the river';


describe('password reset', () => {
  let smtp: SmtpCapture;
  let testApp: TestApp;
  let owner: Client;
  const api = () => request(testApp.baseUrl);
  const tokensSeen: string[] = [];

  /** A registered account (its verification mail consumed). */
  async function registered() {
    const account = newAccount();
    await api().post('/api/accounts').send(account).expect(202);
    await smtp.nextMessageTo(account.email);
    return account;
  }

  async function resetLink(email: string): Promise<{ token: string; mail: CapturedMail }> {
    const response = await api().post('/api/accounts/password-reset').send({ email }).expect(202);
    expect(response.body).toEqual({ status: 'reset_link_sent_if_registered' });
    const mail = await smtp.nextMessageTo(email);
    const token = linkToken(mail, '/reset-password');
    tokensSeen.push(token);
    return { token, mail };
  }

  const signIn = (email: string, password: string) => api().post('/api/auth/sign-in').send({ email, password });

  beforeAll(async () => {
    ({ testApp, smtp } = await startMailTestApp());
    owner = new Client({ connectionString: testApp.database.url });
    await owner.connect();
  });
  afterAll(async () => {
    await owner?.end();
    await testApp?.close();
    await smtp?.close();
  });

  it('answers an unknown address exactly like a known one, and mails nobody', async () => {
    const account = await registered();
    const known = await api().post('/api/accounts/password-reset').send({ email: account.email }).expect(202);
    tokensSeen.push(linkToken(await smtp.nextMessageTo(account.email), '/reset-password'));
    const unknownAddress = 'nobody-has-this@example.test';
    const unknown = await api().post('/api/accounts/password-reset').send({ email: unknownAddress }).expect(202);
    expect(unknown.body).toEqual(known.body);
    await expect(smtp.nextMessageTo(unknownAddress, 500)).rejects.toThrow(/no email/);
  });

  it('mails a one-hour link to a known address, keeping only the hash of its token', async () => {
    const account = await registered();
    const { token, mail } = await resetLink(account.email.toUpperCase());
    expect(mail.envelope.to).toEqual([account.email]);
    expect(mail.parsed.subject).toBe('Reset your Vetmeet password');
    const { rows } = await owner.query(
      `SELECT purpose, used_at, round(extract(epoch FROM expires_at - created_at))::int AS lifetime_seconds FROM email_tokens WHERE token_hash = $1`,
      [sha256(token)],
    );
    expect(rows).toEqual([{ purpose: 'reset_password', used_at: null, lifetime_seconds: 60 * 60 }]);
  });

  it('sets the new password, ends every session, lifts a lockout and tells the holder', async () => {
    const account = await registered();
    const laptop = request.agent(testApp.baseUrl);
    const phone = request.agent(testApp.baseUrl);
    await laptop.post('/api/auth/sign-in').send({ email: account.email, password: account.password }).expect(200);
    await phone.post('/api/auth/sign-in').send({ email: account.email, password: account.password }).expect(200);
    for (let attempt = 1; attempt <= 5; attempt += 1) await signIn(account.email, `wrong guess ${attempt} of five`);
    expect((await signIn(account.email, account.password)).body.code).toBe(ErrorCode.AccountLocked);

    const { token } = await resetLink(account.email);
    const confirmed = await api().post('/api/accounts/password-reset/confirm').send({ token, newPassword: NEW_PASSWORD }).expect(200);
    expect(confirmed.body).toEqual({ passwordChanged: true });

    for (const agent of [laptop, phone]) expect((await agent.get('/api/accounts/me').expect(401)).body.code).toBe(ErrorCode.Unauthenticated);
    const userId = (await owner.query('SELECT id, password_hash FROM users WHERE email = $1', [account.email])).rows[0];
    expect(userId.password_hash).toMatch(/^\$argon2id\$/);
    expect((await owner.query('SELECT count(*)::int AS live FROM sessions WHERE user_id = $1 AND revoked_at IS NULL', [userId.id])).rows).toEqual([{ live: 0 }]);

    expect((await signIn(account.email, account.password).expect(401)).body.code).toBe(ErrorCode.InvalidCredentials);
    await signIn(account.email, NEW_PASSWORD).expect(200);

    const notice = await smtp.nextMessageTo(account.email);
    expect(notice.parsed.subject).toBe('Your Vetmeet password was changed');
    expect(notice.parsed.text).toContain(`${PUBLIC_URL}/forgot-password`);
  });

  it('refuses to use a link twice, and the second password does not take', async () => {
    const account = await registered();
    const { token } = await resetLink(account.email);
    await api().post('/api/accounts/password-reset/confirm').send({ token, newPassword: NEW_PASSWORD }).expect(200);
    const reused = await api().post('/api/accounts/password-reset/confirm').send({ token, newPassword: 'an entirely different passphrase' }).expect(400);
    expect(reused.body.code).toBe(ErrorCode.EmailTokenInvalid);
    await signIn(account.email, 'an entirely different passphrase').expect(401);
    await signIn(account.email, NEW_PASSWORD).expect(200);
  });

  it('refuses a weak password without spending the link', async () => {
    const account = await registered();
    const { token } = await resetLink(account.email);
    const localPart = account.email.split('@')[0];
    for (const newPassword of ['Password1234', `${localPart} is my password`]) {
      const weak = await api().post('/api/accounts/password-reset/confirm').send({ token, newPassword }).expect(400);
      expect(weak.body.code).toBe(ErrorCode.WeakPassword);
    }
    expect((await owner.query('SELECT used_at FROM email_tokens WHERE token_hash = $1', [sha256(token)])).rows).toEqual([{ used_at: null }]);
    await signIn(account.email, account.password).expect(200);
    await api().post('/api/accounts/password-reset/confirm').send({ token, newPassword: NEW_PASSWORD }).expect(200);
  });

  it('refuses an expired link, a verification link, and unknown fields, changing nothing', async () => {
    const account = await registered();
    const { token } = await resetLink(account.email);
    await owner.query("UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1", [sha256(token)]);
    const expired = await api().post('/api/accounts/password-reset/confirm').send({ token, newPassword: NEW_PASSWORD }).expect(400);
    expect(expired.body.code).toBe(ErrorCode.EmailTokenInvalid);

    const other = newAccount();
    await api().post('/api/accounts').send(other).expect(202);
    const verification = linkToken(await smtp.nextMessageTo(other.email), '/verify-email');
    tokensSeen.push(verification);
    const wrongPurpose = await api().post('/api/accounts/password-reset/confirm').send({ token: verification, newPassword: NEW_PASSWORD }).expect(400);
    expect(wrongPurpose.body.code).toBe(ErrorCode.EmailTokenInvalid);

    const extra = await api().post('/api/accounts/password-reset/confirm').send({ token, newPassword: NEW_PASSWORD, userId: '8d3c1e2a-0000-4000-8000-000000000000' }).expect(400);
    expect(extra.body.code).toBe(ErrorCode.ValidationFailed);
    await signIn(account.email, account.password).expect(200);
  });

  it('limits requests per address', async () => {
    const account = await registered();
    for (let attempt = 1; attempt <= 5; attempt += 1) await resetLink(account.email);
    const limited = await api().post('/api/accounts/password-reset').send({ email: account.email }).expect(429);
    expect(limited.body.code).toBe(ErrorCode.RateLimited);
  });

  it('audits requests and resets, with neither addresses nor tokens in the log', async () => {
    const events = (await owner.query('SELECT action, outcome, entity_id, actor_user_id, clinic_id, actor_role, ip, request_id FROM audit_events ORDER BY chain_seq')).rows;
    const count = (action: string, outcome: string) => events.filter((event) => event.action === action && event.outcome === outcome).length;
    expect(count('account.password_reset.request', 'success')).toBeGreaterThanOrEqual(5);
    expect(count('account.password_reset.request', 'failure')).toBe(1);
    expect(count('account.password_reset', 'success')).toBe(3);
    expect(count('account.password_reset', 'failure')).toBe(3);
    const log = JSON.stringify(events);
    expect(log).not.toContain('@');
    for (const token of tokensSeen) expect(log).not.toContain(token);
  });
});
