import { ErrorCode } from '@vetmeet/contracts';
import { Client } from 'pg';
import request from 'supertest';
import { newAccount, STRONG_PASSWORD } from '../support/accounts';
import { linkToken, sha256, TEST_PUBLIC_URL } from '../support/mail-links';
import { startMailTestApp } from '../support/mail-test-app';
import type { SmtpCapture } from '../support/smtp-capture';
import type { TestApp } from '../support/test-app';

const PUBLIC_URL = TEST_PUBLIC_URL;


describe('e-mail verification', () => {
  let smtp: SmtpCapture;
  let testApp: TestApp;
  let owner: Client;
  const api = () => request(testApp.baseUrl);
  const tokensSeen: string[] = [];

  /** Registers, signs in, and returns the token of the verification mail registration sent. */
  async function registerWithMail(overrides: Record<string, unknown> = {}) {
    const account = newAccount(overrides);
    await api().post('/api/accounts').send(account).expect(202);
    const mail = await smtp.nextMessageTo(account.email);
    const token = linkToken(mail, '/verify-email');
    tokensSeen.push(token);
    const agent = request.agent(testApp.baseUrl);
    const session = (await agent.post('/api/auth/sign-in').send({ email: account.email, password: account.password }).expect(200)).body;
    return { account, mail, token, agent, session, userId: session.account.id as string };
  }

  const verifiedAt = async (userId: string) => (await owner.query('SELECT email_verified_at FROM users WHERE id = $1', [userId])).rows[0].email_verified_at;

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

  it('mails a verification link at registration, keeping only the hash of its token, valid for 24 hours', async () => {
    const { account, mail, token, userId } = await registerWithMail();
    expect(mail.envelope.to).toEqual([account.email]);
    expect(mail.parsed.subject).toBe('Confirm your email address for Vetmeet');
    expect(mail.parsed.html).toContain(`href="${PUBLIC_URL}/verify-email#token=${token}"`);
    const { rows } = await owner.query(`SELECT token_hash, purpose, used_at, round(extract(epoch FROM expires_at - created_at))::int AS lifetime_seconds FROM email_tokens WHERE user_id = $1`, [userId]);
    expect(rows).toEqual([{ token_hash: sha256(token), purpose: 'verify_email', used_at: null, lifetime_seconds: 24 * 60 * 60 }]);
    expect((await owner.query("SELECT 1 FROM email_tokens WHERE position(convert_to($1, 'UTF8') in token_hash) > 0", [token])).rowCount).toBe(0);
  });

  it('verifies the address with the link once; the same link again is refused with a code', async () => {
    const { token, agent, userId } = await registerWithMail();
    expect((await agent.get('/api/accounts/me').expect(200)).body.emailVerified).toBe(false);

    expect((await api().post('/api/accounts/verify-email').send({ token }).expect(200)).body).toEqual({ verified: true });
    expect(await verifiedAt(userId)).toEqual(expect.any(Date));
    expect((await agent.get('/api/accounts/me').expect(200)).body.emailVerified).toBe(true);

    const again = await api().post('/api/accounts/verify-email').send({ token }).expect(400);
    expect(again.body.code).toBe(ErrorCode.EmailTokenInvalid);
  });

  it('refuses an expired link and changes nothing', async () => {
    const { token, userId } = await registerWithMail();
    await owner.query("UPDATE email_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = $1", [sha256(token)]);
    const response = await api().post('/api/accounts/verify-email').send({ token }).expect(400);
    expect(response.body.code).toBe(ErrorCode.EmailTokenInvalid);
    expect(await verifiedAt(userId)).toBeNull();
    expect((await owner.query('SELECT used_at FROM email_tokens WHERE token_hash = $1', [sha256(token)])).rows).toEqual([{ used_at: null }]);
  });

  it.each([
    ['an unknown token', { token: 'A'.repeat(43) }, 400, ErrorCode.EmailTokenInvalid],
    ['a password reset token', null, 400, ErrorCode.EmailTokenInvalid],
    ['no token', {}, 400, ErrorCode.ValidationFailed],
    ['an absurdly long token', { token: 'A'.repeat(500) }, 400, ErrorCode.ValidationFailed],
    ['extra fields (mass assignment)', { token: 'A'.repeat(43), userId: '8d3c1e2a-0000-4000-8000-000000000000' }, 400, ErrorCode.ValidationFailed],
  ])('refuses %s', async (_, body, status, code) => {
    let payload = body;
    if (payload === null) {
      const { account } = await registerWithMail();
      await api().post('/api/accounts/password-reset').send({ email: account.email }).expect(202);
      payload = { token: linkToken(await smtp.nextMessageTo(account.email), '/reset-password') };
    }
    const response = await api().post('/api/accounts/verify-email').send(payload).expect(status);
    expect(response.body.code).toBe(code);
  });

  it('re-sends a fresh link to a signed-in account; only the newest link works', async () => {
    const { account, token: first, agent, session, userId } = await registerWithMail();
    expect((await api().post('/api/accounts/verify-email/resend').expect(401)).body.code).toBe(ErrorCode.Unauthenticated);
    const resent = await agent.post('/api/accounts/verify-email/resend').set('X-CSRF-Token', session.csrfToken).expect(202);
    expect(resent.body).toEqual({ status: 'verification_sent' });
    const second = linkToken(await smtp.nextMessageTo(account.email), '/verify-email');
    tokensSeen.push(second);
    expect(second).not.toBe(first);

    expect((await api().post('/api/accounts/verify-email').send({ token: first }).expect(400)).body.code).toBe(ErrorCode.EmailTokenInvalid);
    await api().post('/api/accounts/verify-email').send({ token: second }).expect(200);
    expect(await verifiedAt(userId)).toEqual(expect.any(Date));

    const already = await agent.post('/api/accounts/verify-email/resend').set('X-CSRF-Token', session.csrfToken).expect(202);
    expect(already.body).toEqual({ status: 'already_verified' });
    await expect(smtp.nextMessageTo(account.email, 300)).rejects.toThrow(/no email/);
  });

  it('limits re-sending per account', async () => {
    const { account, agent, session } = await registerWithMail();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      await agent.post('/api/accounts/verify-email/resend').set('X-CSRF-Token', session.csrfToken).expect(202);
      await smtp.nextMessageTo(account.email);
    }
    const limited = await agent.post('/api/accounts/verify-email/resend').set('X-CSRF-Token', session.csrfToken).expect(429);
    expect(limited.body.code).toBe(ErrorCode.RateLimited);
  });

  it('answers a registration of a taken address like any other, and mails its holder a way in instead', async () => {
    const account = newAccount();
    const first = await api().post('/api/accounts').send(account).expect(202);
    await smtp.nextMessageTo(account.email);
    const again = await api().post('/api/accounts').send({ ...account, password: STRONG_PASSWORD + ' again' }).expect(202);
    expect(again.body).toEqual(first.body);
    const notice = await smtp.nextMessageTo(account.email);
    expect(notice.parsed.subject).toBe('Reset your Vetmeet password');
    tokensSeen.push(linkToken(notice, '/reset-password'));
    expect((await owner.query('SELECT count(*)::int AS accounts FROM users WHERE email = $1', [account.email])).rows).toEqual([{ accounts: 1 }]);
  });

  it('audits issuing and using links, with neither addresses nor tokens in the log', async () => {
    const { token, userId } = await registerWithMail();
    await api().post('/api/accounts/verify-email').send({ token }).expect(200);
    await api().post('/api/accounts/verify-email').send({ token }).expect(400);
    const events = (await owner.query('SELECT * FROM audit_events ORDER BY chain_seq')).rows;
    const mine = events.filter((event) => event.entity_id === userId).map(({ action, outcome }) => ({ action, outcome }));
    expect(mine).toEqual(
      expect.arrayContaining([
        { action: 'account.verify_email.issue', outcome: 'success' },
        { action: 'account.verify_email', outcome: 'success' },
      ]),
    );
    expect(events.filter((event) => event.action === 'account.verify_email' && event.outcome === 'failure').length).toBeGreaterThanOrEqual(1);
    const log = JSON.stringify(events);
    expect(log).not.toContain('@');
    for (const seen of [...tokensSeen, token]) expect(log).not.toContain(seen);
  });
});
