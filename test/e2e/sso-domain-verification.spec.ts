import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ErrorCode, type SessionAnswer, type SsoSettingsView } from '@vetmeet/contracts';
import { registerAndSignIn, type SignedIn } from '../support/accounts';
import { createClinicWithStaff } from '../support/clinics';
import { asSchemaOwner, markEmailVerified } from '../support/consultations';
import { startTxtDnsServer, type TxtDnsServer } from '../support/dns-txt-server';
import { freePort } from '../support/free-port';
import { startIdentityProvider, type TestIdentityAccount, type TestIdentityProvider } from '../support/oidc-provider';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp-capture';
import { CookieBrowser, reachCallback } from '../support/sso-browser';
import { startTestApp, type TestApp } from '../support/test-app';

const PASSWORD = 'provider password 123';
const OTHER_PASSWORD = 'another provider password 456';
const account = (sub: string, email: string, extra: Partial<TestIdentityAccount> = {}): TestIdentityAccount => ({
  sub,
  email,
  password: PASSWORD,
  email_verified: true,
  ...extra,
});
/** A provider the admin of Mallory's clinic runs: it vouches for whatever the admin likes. */
const ACCOUNTS = [
  account('sub-alice', 'alice@victim.test'),
  account('sub-forged-alice', 'alice@victim.test', { password: OTHER_PASSWORD }),
  account('sub-carol', 'carol@victim.test'),
  account('sub-carol', 'dave@victim.test', { password: OTHER_PASSWORD }),
  account('sub-bob', 'bob@victim.test', { emailOnlyAtUserinfo: true }),
];

describe('single sign-on only for domains a clinic proved it holds, with linked identities', () => {
  let app: TestApp;
  let dns: TxtDnsServer;
  let smtp: SmtpCapture;
  let provider: TestIdentityProvider;
  let appUrl: string;
  let mallory: SignedIn;
  let clinicId: string;
  const people: Record<string, SignedIn> = {};

  const headersOf = (admin: SignedIn, clinic: string) => ({
    'X-CSRF-Token': admin.session.csrfToken,
    'X-Clinic-Id': clinic,
  });
  const settings = (overrides: Record<string, unknown> = {}) => ({
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    domains: ['victim.test'],
    justInTimeMembership: true,
    justInTimeRole: 'consultant',
    ...overrides,
  });
  const verify = (admin: SignedIn, clinic: string) =>
    admin.agent.post(`/api/clinics/${clinic}/sso/domains/victim.test/verification`).set(headersOf(admin, clinic));
  const claimOf = (view: SsoSettingsView) => view.domainVerifications.find((item) => item.domain === 'victim.test')!;
  const startFor = (email: string) => request(appUrl).get('/api/auth/sso/start').query({ email });
  const signIn = async (email: string, password = PASSWORD) => {
    const browser = new CookieBrowser();
    const response = await browser.get(await reachCallback(browser, appUrl, email, password));
    const session = (await (await browser.get(`${appUrl}/api/auth/session`)).json()) as SessionAnswer;
    return { response, session };
  };
  const auditActions = () =>
    asSchemaOwner(app.database.url, async (client) =>
      (await client.query<{ action: string; outcome: string }>('SELECT action, outcome FROM audit_events')).rows.map(
        (row) => `${row.action}:${row.outcome}`,
      ),
    );

  beforeAll(async () => {
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    dns = await startTxtDnsServer();
    smtp = await startSmtpCapture();
    const mail = { SMTP_URL: smtp.url, MAIL_FROM: 'Vetmeet <no-reply@vetmeet.test>' };
    app = await startTestApp({ ...mail, PUBLIC_URL: appUrl, SSO_DNS_SERVERS: dns.address }, { port });
    provider = await startIdentityProvider({ redirectUri: `${appUrl}/api/auth/sso/callback`, accounts: ACCOUNTS });
    mallory = await registerAndSignIn(appUrl, { email: `mallory-${randomUUID().slice(0, 6)}@example.test` });
    clinicId = await createClinicWithStaff(app.database.url, "Mallory's clinic", [
      { userId: mallory.session.account.id, role: 'clinic_admin' },
    ]);
    for (const name of ['alice', 'carol', 'dave', 'bob']) {
      people[name] = await registerAndSignIn(appUrl, { email: `${name}@victim.test` });
      await markEmailVerified(app.database.url, people[name].session.account.id);
    }
  });

  afterAll(async () => {
    await provider?.stop();
    await app?.close();
    await dns?.close();
    await smtp?.close();
  });

  it('routes no sign-in for a domain the clinic only claims, nor one whose record holds another token', async () => {
    const saved = await mallory.agent
      .put(`/api/clinics/${clinicId}/sso`)
      .set(headersOf(mallory, clinicId))
      .send(settings())
      .expect(200);
    // A waiting invitation for Alice: before verification this alone let the callback open her whole account.
    await mallory.agent
      .post(`/api/clinics/${clinicId}/invitations`)
      .set(headersOf(mallory, clinicId))
      .send({ email: 'alice@victim.test', role: 'support' })
      .expect(201);
    expect((await startFor('alice@victim.test').expect(404)).body.code).toBe(ErrorCode.SsoNotConfigured);
    expect(claimOf(saved.body as SsoSettingsView)).toMatchObject({ verified: false, verifiedAt: null });

    dns.set(claimOf(saved.body as SsoSettingsView).recordName, ['vetmeet-verification=not-this-clinics-token']);
    expect((await verify(mallory, clinicId).expect(422)).body.code).toBe(ErrorCode.SsoDomainNotVerified);
    expect((await startFor('alice@victim.test').expect(404)).body.code).toBe(ErrorCode.SsoNotConfigured);
    expect(await auditActions()).toContain('sso.domain.verify:failure');
  });

  it('verifies a domain for one clinic at most', async () => {
    const otherAdmin = await registerAndSignIn(appUrl, { email: `other-${randomUUID().slice(0, 6)}@example.test` });
    const otherClinic = await createClinicWithStaff(app.database.url, 'Other clinic', [
      { userId: otherAdmin.session.account.id, role: 'clinic_admin' },
    ]);
    const other = await otherAdmin.agent
      .put(`/api/clinics/${otherClinic}/sso`)
      .set(headersOf(otherAdmin, otherClinic))
      .send(settings())
      .expect(200);
    const mine = await mallory.agent.get(`/api/clinics/${clinicId}/sso`).set('X-Clinic-Id', clinicId).expect(200);
    const claims = [claimOf(mine.body as SsoSettingsView), claimOf(other.body as SsoSettingsView)];
    expect(claims[0].recordValue).not.toBe(claims[1].recordValue);
    dns.set(claims[0].recordName, claims.map((claim) => claim.recordValue));

    expect(claimOf((await verify(mallory, clinicId).expect(200)).body as SsoSettingsView).verified).toBe(true);
    expect((await verify(otherAdmin, otherClinic).expect(409)).body.code).toBe(ErrorCode.SsoDomainTaken);
    const again = await otherAdmin.agent
      .put(`/api/clinics/${otherClinic}/sso`)
      .set(headersOf(otherAdmin, otherClinic))
      .send(settings())
      .expect(409);
    expect(again.body.code).toBe(ErrorCode.SsoDomainTaken);
    await startFor('alice@victim.test').expect(302);
  });

  it("links subject and account at first sign-in; refuses the address with another subject, or the reverse", async () => {
    const alice = await signIn('alice@victim.test');
    expect(alice.response.status).toBe(303);
    expect(alice.session).toMatchObject({ signedIn: true, account: { email: 'alice@victim.test' } });

    const forged = await signIn('alice@victim.test', OTHER_PASSWORD);
    expect(forged.response.status).toBe(403);
    expect(((await forged.response.json()) as { code: string }).code).toBe(ErrorCode.SsoIdentityMismatch);
    expect(forged.session).toEqual({ signedIn: false });

    expect((await signIn('carol@victim.test')).response.status).toBe(303);
    const renamed = await signIn('dave@victim.test', OTHER_PASSWORD);
    expect(renamed.response.status).toBe(403);
    expect(((await renamed.response.json()) as { code: string }).code).toBe(ErrorCode.SsoIdentityMismatch);
    expect(await auditActions()).toContain('account.sign_in.sso.identity_mismatch:denied');
  });

  it('takes the e-mail address from userinfo when the ID token carries none', async () => {
    const bob = await signIn('bob@victim.test');
    expect(bob.response.status).toBe(303);
    expect(bob.session).toMatchObject({ signedIn: true, account: { email: 'bob@victim.test' } });
  });

  it('keeps two apps in one process apart: each runs its own strategy, before and after the other stops', async () => {
    const otherPort = await freePort();
    const other = await startTestApp({ PUBLIC_URL: `http://127.0.0.1:${otherPort}` }, { port: otherPort });
    try {
      expect((await signIn('alice@victim.test')).response.status).toBe(303);
      const elsewhere = await request(`http://127.0.0.1:${otherPort}`)
        .get('/api/auth/sso/start')
        .query({ email: 'alice@victim.test' })
        .expect(404);
      expect(elsewhere.body.code).toBe(ErrorCode.SsoNotConfigured);
    } finally {
      await other.close();
    }
    expect((await signIn('alice@victim.test')).response.status).toBe(303);
  });
});
