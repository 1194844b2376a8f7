import { randomUUID } from 'node:crypto';
import * as OTPAuth from 'otpauth';
import request from 'supertest';
import { ErrorCode, type SessionAnswer, type SsoSettingsView, type TotpEnrollmentView } from '@vetmeet/contracts';
import { registerAndSignIn, type SignedIn } from '../support/accounts';
import { createClinicWithStaff } from '../support/clinics';
import { asSchemaOwner, markEmailVerified } from '../support/consultations';
import { startTxtDnsServer, type TxtDnsServer } from '../support/dns-txt-server';
import { freePort } from '../support/free-port';
import { startIdentityProvider, type TestIdentityAccount, type TestIdentityProvider } from '../support/oidc-provider';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp-capture';
import { CookieBrowser, reachCallback } from '../support/sso-browser';
import { startTestApp, type TestApp } from '../support/test-app';

const PASSWORD_AT_PROVIDER = 'provider password 123';
const idp = (name: string, extra: Partial<TestIdentityAccount> = {}): TestIdentityAccount => ({
  sub: `sub-${name}`,
  email: `${name}@clinic.test`,
  password: PASSWORD_AT_PROVIDER,
  email_verified: true,
  ...extra,
});
const ACCOUNTS = [
  idp('vera'),
  idp('otto'),
  idp('mia', { amr: ['pwd', 'otp'] }),
  idp('sam', { codeTtlSeconds: 1 }),
  idp('nina'),
  idp('jules'),
  idp('una', { email_verified: false }),
  idp('ghost'),
  idp('eve', { email: 'eve@elsewhere.test' }),
  idp('squat'),
  idp('olga', { amr: ['pwd', 'otp'] }),
];

describe('staff single sign-on through the clinic’s OpenID Connect provider', () => {
  let testApp: TestApp;
  let smtp: SmtpCapture;
  let dns: TxtDnsServer;
  let provider: TestIdentityProvider;
  let appUrl: string;
  let admin: SignedIn;
  let clinicId: string;
  const people: Record<string, SignedIn> = {};

  const asAdmin = () => ({ 'X-CSRF-Token': admin.session.csrfToken, 'X-Clinic-Id': clinicId });
  const settings = (overrides: Record<string, unknown> = {}) => ({
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    domains: ['clinic.test'],
    justInTimeMembership: false,
    justInTimeRole: 'consultant',
    ...overrides,
  });
  const auditEvents = () =>
    asSchemaOwner(
      testApp.database.url,
      async (client) =>
        (
          await client.query<{ action: string; outcome: string; clinic_id: string | null }>(
            'SELECT action, outcome, clinic_id FROM audit_events ORDER BY id',
          )
        ).rows,
    );
  const expectAudited = async (action: string, outcome: string) =>
    expect(await auditEvents()).toContainEqual({ action, outcome, clinic_id: expect.anything() as unknown });
  const addMember = (userId: string, role = 'consultant') =>
    asSchemaOwner(testApp.database.url, (client) =>
      client.query('INSERT INTO clinic_memberships (id, clinic_id, user_id, role) VALUES ($1, $2, $3, $4)', [
        randomUUID(),
        clinicId,
        userId,
        role,
      ]),
    );
  const sessionOf = async (browser: CookieBrowser) =>
    (await (await browser.get(`${appUrl}/api/auth/session`)).json()) as SessionAnswer;

  beforeAll(async () => {
    const port = await freePort();
    appUrl = `http://127.0.0.1:${port}`;
    smtp = await startSmtpCapture();
    dns = await startTxtDnsServer();
    testApp = await startTestApp(
      {
        SMTP_URL: smtp.url,
        PUBLIC_URL: appUrl,
        MAIL_FROM: 'Vetmeet <no-reply@vetmeet.test>',
        SSO_DNS_SERVERS: dns.address,
      },
      { port },
    );
    provider = await startIdentityProvider({ redirectUri: `${appUrl}/api/auth/sso/callback`, accounts: ACCOUNTS });
    admin = await registerAndSignIn(appUrl, { email: `admin-${randomUUID().slice(0, 6)}@example.test` });
    clinicId = await createClinicWithStaff(testApp.database.url, 'Clinic with SSO', [
      { userId: admin.session.account.id, role: 'clinic_admin' },
    ]);
    for (const name of ['vera', 'otto', 'mia', 'sam', 'nina', 'jules', 'una', 'eve']) {
      const email = ACCOUNTS.find((account) => account.sub === `sub-${name}`)!.email;
      people[name] = await registerAndSignIn(appUrl, { email });
      await markEmailVerified(testApp.database.url, people[name].session.account.id);
    }
    for (const name of ['vera', 'otto', 'mia', 'sam', 'una', 'eve']) await addMember(people[name].session.account.id);
  });

  afterAll(async () => {
    await provider?.stop();
    await testApp?.close();
    await smtp?.close();
    await dns?.close();
  });

  it('keeps a provider once discovery answers; its secret sealed and never shown', async () => {
    const saved = await admin.agent.put(`/api/clinics/${clinicId}/sso`).set(asAdmin()).send(settings()).expect(200);
    const view = saved.body as SsoSettingsView;
    expect(view).toMatchObject({
      configured: true,
      issuer: provider.issuer,
      clientSecretSet: true,
      domains: ['clinic.test'],
      justInTimeMembership: false,
    });
    expect(view.callbackUrl).toBe(`${appUrl}/api/auth/sso/callback`);
    expect(JSON.stringify(view)).not.toContain(provider.clientSecret);
    const read = await admin.agent.get(`/api/clinics/${clinicId}/sso`).set('X-Clinic-Id', clinicId).expect(200);
    expect(JSON.stringify(read.body)).not.toContain(provider.clientSecret);
    const stored = await asSchemaOwner(
      testApp.database.url,
      async (client) =>
        (await client.query<{ sealed: Buffer }>('SELECT client_secret_sealed AS sealed FROM clinic_sso_providers'))
          .rows[0].sealed,
    );
    expect(stored.toString('latin1')).not.toContain(provider.clientSecret);
    await expectAudited('sso.settings.save', 'success');
  });

  it('routes the domain only once its DNS record proves the clinic holds it', async () => {
    const before = await request(appUrl).get('/api/auth/sso/start').query({ email: 'vera@clinic.test' }).expect(404);
    expect(before.body.code).toBe(ErrorCode.SsoNotConfigured);
    const read = await admin.agent.get(`/api/clinics/${clinicId}/sso`).set('X-Clinic-Id', clinicId).expect(200);
    const [claim] = (read.body as SsoSettingsView).domainVerifications;
    expect(claim).toMatchObject({
      domain: 'clinic.test',
      verified: false,
      recordName: '_vetmeet-verification.clinic.test',
    });
    dns.set(claim.recordName, [claim.recordValue]);
    const verified = await admin.agent
      .post(`/api/clinics/${clinicId}/sso/domains/clinic.test/verification`)
      .set(asAdmin())
      .expect(200);
    expect((verified.body as SsoSettingsView).domainVerifications[0]).toMatchObject({ verified: true });
    await request(appUrl).get('/api/auth/sso/start').query({ email: 'vera@clinic.test' }).expect(302);
    await expectAudited('sso.domain.verify', 'success');
  });

  it('refuses an issuer whose discovery names another issuer, or that does not answer, and audits it', async () => {
    const impostor = await startIdentityProvider({
      redirectUri: `${appUrl}/api/auth/sso/callback`,
      accounts: ACCOUNTS,
      issuer: 'https://idp.impostor.test',
    });
    try {
      const asImpostor = `http://127.0.0.1:${impostor.port}`;
      const refused = await admin.agent
        .put(`/api/clinics/${clinicId}/sso`)
        .set(asAdmin())
        .send(settings({ issuer: asImpostor }))
        .expect(422);
      expect(refused.body.code).toBe(ErrorCode.SsoDiscoveryFailed);
    } finally {
      await impostor.stop();
    }
    const silent = `http://127.0.0.1:${await freePort()}`;
    const unanswered = await admin.agent
      .put(`/api/clinics/${clinicId}/sso`)
      .set(asAdmin())
      .send(settings({ issuer: silent }))
      .expect(422);
    expect(unanswered.body.code).toBe(ErrorCode.SsoDiscoveryFailed);
    await expectAudited('sso.settings.save', 'failure');
    const kept = await admin.agent.get(`/api/clinics/${clinicId}/sso`).set('X-Clinic-Id', clinicId).expect(200);
    expect(kept.body.issuer).toBe(provider.issuer);
  });

  it('keeps the stored secret only for the same issuer and client: another one needs its own secret', async () => {
    // Otherwise an admin could send the clinic's secret, which the API never shows, to a provider of their choosing.
    const elsewhere = await startIdentityProvider({
      redirectUri: `${appUrl}/api/auth/sso/callback`,
      accounts: ACCOUNTS,
    });
    try {
      const withoutSecret = { clientSecret: undefined, issuer: elsewhere.issuer };
      const refused = await admin.agent
        .put(`/api/clinics/${clinicId}/sso`)
        .set(asAdmin())
        .send(settings(withoutSecret))
        .expect(400);
      expect(refused.body.code).toBe(ErrorCode.ValidationFailed);
      const otherClient = settings({ clientSecret: undefined, clientId: 'another-client' });
      await admin.agent.put(`/api/clinics/${clinicId}/sso`).set(asAdmin()).send(otherClient).expect(400);
    } finally {
      await elsewhere.stop();
    }
    const kept = await admin.agent.get(`/api/clinics/${clinicId}/sso`).set('X-Clinic-Id', clinicId).expect(200);
    expect(kept.body).toMatchObject({ issuer: provider.issuer, clientId: provider.clientId });
    await admin.agent
      .put(`/api/clinics/${clinicId}/sso`)
      .set(asAdmin())
      .send(settings({ clientSecret: undefined }))
      .expect(200);
  });

  it('refuses a public mail domain, and a domain another clinic holds', async () => {
    const publicDomain = await admin.agent
      .put(`/api/clinics/${clinicId}/sso`)
      .set(asAdmin())
      .send(settings({ domains: ['gmail.com'] }))
      .expect(400);
    expect(publicDomain.body.code).toBe(ErrorCode.SsoDomainNotAllowed);
    const otherAdmin = await registerAndSignIn(appUrl, {
      email: `other-admin-${randomUUID().slice(0, 6)}@example.test`,
    });
    const otherClinic = await createClinicWithStaff(testApp.database.url, 'Other clinic', [
      { userId: otherAdmin.session.account.id, role: 'clinic_admin' },
    ]);
    const taken = await otherAdmin.agent
      .put(`/api/clinics/${otherClinic}/sso`)
      .set({ 'X-CSRF-Token': otherAdmin.session.csrfToken, 'X-Clinic-Id': otherClinic })
      .send(settings({ domains: ['other.test', 'clinic.test'] }))
      .expect(409);
    expect(taken.body.code).toBe(ErrorCode.SsoDomainTaken);
  });

  it('signs a member in through the provider: our own session, cookie and CSRF token, audited', async () => {
    const browser = new CookieBrowser();
    const callback = await reachCallback(browser, appUrl, 'vera@clinic.test', PASSWORD_AT_PROVIDER);
    const callbackUrl = new URL(callback);
    expect(callbackUrl.searchParams.get('state')).toBeTruthy();
    const landed = await browser.get(callback);
    expect(landed.status).toBe(303);
    expect(landed.headers.get('location')).toBe(`/clinics/${clinicId}`);
    const answer = await sessionOf(browser);
    expect(answer).toMatchObject({
      signedIn: true,
      secondFactorPending: false,
      account: { email: 'vera@clinic.test' },
    });
    if (!answer.signedIn) throw new Error('not signed in');
    expect(answer.memberships).toContainEqual(expect.objectContaining({ clinicId, role: 'consultant' }));
    // The session works for a write with its CSRF token, as one from password sign-in does.
    const signOut = await fetch(`${appUrl}/api/auth/sign-out`, {
      method: 'POST',
      headers: {
        cookie: `vetmeet_session=${browser.cookie(appUrl, 'vetmeet_session')}`,
        'x-csrf-token': answer.csrfToken,
        origin: appUrl,
      },
    });
    expect(signOut.status).toBe(204);
    expect(await auditEvents()).toContainEqual({ action: 'account.sign_in.sso', outcome: 'success', clinic_id: clinicId });
  });

  it('refuses a replayed callback, and one from a browser that did not start it, with an audit event', async () => {
    const browser = new CookieBrowser();
    const callback = await reachCallback(browser, appUrl, 'vera@clinic.test', PASSWORD_AT_PROVIDER);
    const stranger = await new CookieBrowser().get(callback);
    expect(stranger.status).toBe(400);
    expect(((await stranger.json()) as { code: string }).code).toBe(ErrorCode.SsoStateInvalid);
    // The stranger's try did not use up the attempt: it is bound to the browser that started it.
    expect((await browser.get(callback)).status).toBe(303);
    const replay = await browser.get(callback);
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { code: string }).code).toBe(ErrorCode.SsoStateInvalid);
    expect((await auditEvents()).map((event) => `${event.action}:${event.outcome}`)).toContain(
      'account.sign_in.sso.state_invalid:failure',
    );
  });

  it('refuses a used code and an answer naming another issuer, audited', async () => {
    const first = new CookieBrowser();
    const used = new URL(await reachCallback(first, appUrl, 'vera@clinic.test', PASSWORD_AT_PROVIDER));
    expect((await first.get(used.href)).status).toBe(303);

    const second = new CookieBrowser();
    const fresh = new URL(await reachCallback(second, appUrl, 'vera@clinic.test', PASSWORD_AT_PROVIDER));
    fresh.searchParams.set('code', used.searchParams.get('code')!);
    const withUsedCode = await second.get(fresh.href);
    expect(withUsedCode.status).toBe(401);
    expect(((await withUsedCode.json()) as { code: string }).code).toBe(ErrorCode.SsoSignInFailed);

    const third = new CookieBrowser();
    const forged = new URL(await reachCallback(third, appUrl, 'vera@clinic.test', PASSWORD_AT_PROVIDER));
    forged.searchParams.set('iss', 'https://idp.impostor.test');
    const otherIssuer = await third.get(forged.href);
    expect(otherIssuer.status).toBe(401);
    expect(((await otherIssuer.json()) as { code: string }).code).toBe(ErrorCode.SsoSignInFailed);
    expect(await sessionOf(third)).toEqual({ signedIn: false });
    await expectAudited('account.sign_in.sso.sign_in_failed', 'failure');
  });

  it('refuses a code that expired at the provider before the browser came back', async () => {
    const browser = new CookieBrowser();
    const late = await reachCallback(browser, appUrl, 'sam@clinic.test', PASSWORD_AT_PROVIDER);
    await new Promise((resolve) => setTimeout(resolve, 2_500)); // Sam's codes live 1 s at this provider.
    const expired = await browser.get(late);
    expect(expired.status).toBe(401);
    expect(((await expired.json()) as { code: string }).code).toBe(ErrorCode.SsoSignInFailed);
    expect(await sessionOf(browser)).toEqual({ signedIn: false });
  });

  it('refuses an address of another domain, or one the provider does not vouch for, even of a member', async () => {
    // Eve types a clinic address here, then signs in at the provider as who she is there.
    for (const [email, login] of [
      ['vera@clinic.test', 'eve@elsewhere.test'],
      ['una@clinic.test', 'una@clinic.test'],
    ]) {
      const browser = new CookieBrowser();
      const refused = await browser.get(await reachCallback(browser, appUrl, email, PASSWORD_AT_PROVIDER, login));
      expect({ login, status: refused.status }).toEqual({ login, status: 403 });
      expect(((await refused.json()) as { code: string }).code).toBe(ErrorCode.SsoEmailNotAccepted);
      expect(await sessionOf(browser)).toEqual({ signedIn: false });
    }
    await expectAudited('account.sign_in.sso.email_not_accepted', 'denied');
  });

  it('signs in no account whose address is unconfirmed: its password may be a squatter’s', async () => {
    // Someone registered the address before its owner, and chose the password; the owner never confirmed it.
    const squatter = await registerAndSignIn(appUrl, { email: 'squat@clinic.test' });
    const invite = admin.agent.post(`/api/clinics/${clinicId}/invitations`).set(asAdmin());
    const invitation = (await invite.send({ email: 'squat@clinic.test', role: 'consultant' }).expect(201)).body as {
      id: string;
    };
    const browser = new CookieBrowser();
    const response = await browser.get(await reachCallback(browser, appUrl, 'squat@clinic.test', PASSWORD_AT_PROVIDER));
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe(ErrorCode.EmailNotVerified);
    await expectAudited('account.sign_in.sso.email_not_verified', 'denied');
    const squatted = (await squatter.agent.get('/api/auth/session').expect(200)).body as SessionAnswer;
    expect(squatted.signedIn && squatted.memberships).toEqual([]);
    // The invitation still waits for its owner; withdrawn here so the next test starts with none.
    await admin.agent.delete(`/api/clinics/${clinicId}/invitations/${invitation.id}`).set(asAdmin()).expect(204);
  });

  it('never signs in a platform operator, even one who works for the clinic, at its verified domain', async () => {
    const olga = await registerAndSignIn(appUrl, { email: 'olga@clinic.test' });
    await markEmailVerified(testApp.database.url, olga.session.account.id);
    await addMember(olga.session.account.id, 'clinic_admin');
    await asSchemaOwner(testApp.database.url, (client) =>
      client.query('INSERT INTO platform_operators (user_id) VALUES ($1)', [olga.session.account.id]),
    );
    // The provider claims a second factor: were it admitted, it would stand in for the operator's own TOTP.
    const browser = new CookieBrowser();
    const response = await browser.get(await reachCallback(browser, appUrl, 'olga@clinic.test', PASSWORD_AT_PROVIDER));
    expect(response.status).toBe(403);
    expect(((await response.json()) as { code: string }).code).toBe(ErrorCode.SsoNotForOperators);
    expect(await sessionOf(browser)).toEqual({ signedIn: false });
    await expectAudited('account.sign_in.sso.not_for_operators', 'denied');
  });

  it('needs an invitation: refuses without one, takes a waiting one, joins just in time if allowed', async () => {
    const tryAs = async (email: string) => {
      const browser = new CookieBrowser();
      return {
        browser,
        response: await browser.get(await reachCallback(browser, appUrl, email, PASSWORD_AT_PROVIDER)),
      };
    };
    for (const email of ['nina@clinic.test', 'ghost@clinic.test']) {
      const { response } = await tryAs(email);
      expect({ email, status: response.status }).toEqual({ email, status: 403 });
      expect(((await response.json()) as { code: string }).code).toBe(ErrorCode.SsoNotInvited);
    }
    await expectAudited('account.sign_in.sso.not_invited', 'denied');

    await admin.agent
      .post(`/api/clinics/${clinicId}/invitations`)
      .set(asAdmin())
      .send({ email: 'nina@clinic.test', role: 'support' })
      .expect(201);
    const invited = await tryAs('nina@clinic.test');
    expect(invited.response.status).toBe(303);
    const nina = await sessionOf(invited.browser);
    expect(nina.signedIn && nina.memberships).toContainEqual(expect.objectContaining({ clinicId, role: 'support' }));
    const pending = await admin.agent
      .get(`/api/clinics/${clinicId}/invitations`)
      .set('X-Clinic-Id', clinicId)
      .expect(200);
    expect(pending.body).toEqual([]);

    await admin.agent
      .put(`/api/clinics/${clinicId}/sso`)
      .set(asAdmin())
      .send(settings({ clientSecret: undefined, justInTimeMembership: true }))
      .expect(200);
    const justInTime = await tryAs('jules@clinic.test');
    expect(justInTime.response.status).toBe(303);
    const jules = await sessionOf(justInTime.browser);
    expect(jules.signedIn && jules.memberships).toEqual([expect.objectContaining({ clinicId, role: 'consultant' })]);
    await expectAudited('sso.membership.just_in_time', 'success');
    await admin.agent
      .put(`/api/clinics/${clinicId}/sso`)
      .set(asAdmin())
      .send(settings({ clientSecret: undefined }))
      .expect(200);
  });

  it("asks for our authenticator code unless the provider's answer proves a second factor", async () => {
    for (const name of ['otto', 'mia']) {
      const person = people[name];
      const write = (path: string) => person.agent.post(path).set('X-CSRF-Token', person.session.csrfToken);
      const enrollment = (await write('/api/auth/totp/enroll').expect(200)).body as TotpEnrollmentView;
      const totp = OTPAuth.URI.parse(enrollment.otpauthUri) as OTPAuth.TOTP;
      await write('/api/auth/totp/enable').send({ code: totp.generate() }).expect(200);
    }
    const otto = new CookieBrowser();
    const ottoLanded = await otto.get(await reachCallback(otto, appUrl, 'otto@clinic.test', PASSWORD_AT_PROVIDER));
    expect(ottoLanded.headers.get('location')).toBe(`/sign-in?next=${encodeURIComponent(`/clinics/${clinicId}`)}`);
    expect(await sessionOf(otto)).toMatchObject({ signedIn: true, secondFactorPending: true, memberships: [] });
    expect((await otto.get(`${appUrl}/api/pets`)).status).toBe(401);

    const mia = new CookieBrowser();
    const miaLanded = await mia.get(await reachCallback(mia, appUrl, 'mia@clinic.test', PASSWORD_AT_PROVIDER));
    expect(miaLanded.headers.get('location')).toBe(`/clinics/${clinicId}`);
    expect(await sessionOf(mia)).toMatchObject({ signedIn: true, secondFactorPending: false });
  });

  it('refuses an address no clinic signs in with: JSON to a client, the sign-in page to a browser', async () => {
    const json = await request(appUrl).get('/api/auth/sso/start').query({ email: 'owner@example.test' }).expect(404);
    expect(json.body.code).toBe(ErrorCode.SsoNotConfigured);
    const page = await request(appUrl)
      .get('/api/auth/sso/start')
      .query({ email: 'owner@example.test' })
      .set('Accept', 'text/html')
      .expect(303);
    expect(page.headers.location).toBe('/sign-in?sso=SSO_NOT_CONFIGURED');
    const invalid = await request(appUrl).get('/api/auth/sso/start').query({ email: 'not an address' }).expect(400);
    expect(invalid.body.code).toBe(ErrorCode.ValidationFailed);
    const nothingStarted = await request(appUrl)
      .get('/api/auth/sso/callback')
      .query({ code: 'x', state: 'y' })
      .expect(400);
    expect(nothingStarted.body.code).toBe(ErrorCode.SsoStateInvalid);
  });
});
