import { ErrorCode, type ClinicApplicationView, type ErrorBody } from '@vetmeet/contracts';
import request from 'supertest';
import { registerAndSignIn, type SignedIn } from '../support/accounts';
import { addClinicAdmin, type ClinicAdmin } from '../support/clinic-admins';
import { createClinicWithStaff } from '../support/clinics';
import { markEmailVerified } from '../support/consultations';
import { captureLogs, type CapturedLogs } from '../support/log-capture';
import { clinicApplication, signedInOperator, type SignedInOperator } from '../support/operators';
import { startTestApp, type TestApp } from '../support/test-app';

const CONNECT_WEBHOOK = '/api/payments/stripe/connect-webhook';
/** Marks every hostile string, so a test can tell whether any of it reached a log line. */
const MARK = 'hostile-mark-7f3a';
const HOSTILE: unknown[] = [
  null,
  -1,
  1e308,
  true,
  [],
  [MARK],
  { [MARK]: 1 },
  '',
  ' ',
  `${MARK}${'x'.repeat(70_000)}`,
  `${MARK}\u0007\u202e\n`,
  `${MARK}${'🐶'.repeat(300)}`,
  `${MARK}@example.org`,
];

/** Each field replaced by each hostile value, the body an array, a string or null, and extra fields. */
function hostileBodies(base: Record<string, unknown>): [string, unknown][] {
  const bodies: [string, unknown][] = [
    ['an array', [base]],
    ['a string', MARK],
    ['extra fields', { ...base, status: 'approved', id: MARK, clinicId: MARK }],
  ];
  for (const key of Object.keys(base)) {
    for (const value of HOSTILE) {
      bodies.push([`${key}=${JSON.stringify(value)?.slice(0, 24)}`, { ...base, [key]: value }]);
    }
  }
  return bodies;
}

/**
 * What an attacker's probe sends to what issue 13 added (clinic applications, the operator console,
 * clinic profiles, payouts, SSO settings and sign-in): a coded 4xx each time, never a 500, and
 * nothing of the input in the log.
 */
describe('issue 13 endpoints under hostile input', () => {
  let testApp: TestApp;
  let applicant: SignedIn;
  let operator: SignedInOperator;
  let admin: ClinicAdmin;
  let clinicId: string;
  let logs: CapturedLogs;
  let address = 0;
  const fromNewAddress = () => ({ 'X-Forwarded-For': `203.0.113.${(address = (address % 250) + 1)}` });
  const apply = (body: unknown) =>
    applicant.agent
      .post('/api/clinic-applications')
      .set('X-CSRF-Token', applicant.session.csrfToken)
      .send(body as object);

  beforeAll(async () => {
    logs = captureLogs();
    testApp = await startTestApp({ TRUST_PROXY: 'loopback' });
    applicant = await registerAndSignIn(testApp.baseUrl);
    await markEmailVerified(testApp.database.url, applicant.session.account.id);
    operator = await signedInOperator(testApp);
    clinicId = await createClinicWithStaff(testApp.database.url, 'Probed clinic', []);
    admin = await addClinicAdmin(testApp, clinicId);
  });
  beforeEach(() => logs.clear());
  afterAll(async () => {
    await testApp?.close();
    logs?.restore();
  });

  it.each([
    ['name', 'Happy\u0007Paws'],
    ['name', 'Happy Paws\nBcc: someone'],
    ['legalEntity', 'Happy Paws\u0085LLC'],
    ['legalEntity', 'Happy Paws\rLLC'],
    ['contactName', 'Iryna\u001bBondar'],
  ])('refuses control characters in an application %p (console, directory, mail)', async (field, value) => {
    const someone = await registerAndSignIn(testApp.baseUrl);
    await markEmailVerified(testApp.database.url, someone.session.account.id);
    const answer = await someone.agent
      .post('/api/clinic-applications')
      .set('X-CSRF-Token', someone.session.csrfToken)
      .send(clinicApplication({ [field]: value }));
    const body = answer.body as ErrorBody;
    expect({ status: answer.status, code: body.code }).toEqual({ status: 400, code: ErrorCode.ValidationFailed });
    expect(body.details).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${field}`))]));
    const mine = await someone.agent.get('/api/clinic-applications/mine').expect(200);
    expect(mine.body as ClinicApplicationView[]).toEqual([]);
  });

  it("grants operator to no account whose address is unconfirmed: it may be a squatter's", async () => {
    const squatter = await registerAndSignIn(testApp.baseUrl);
    const grant = operator.agent.post('/api/operator/operators').set(operator.csrf);
    const answer = await grant.send({ email: squatter.email });
    expect({ status: answer.status, code: (answer.body as ErrorBody).code }).toEqual({
      status: 404,
      code: ErrorCode.NotFound,
    });
    const console = await squatter.agent.get('/api/operator/clinics');
    expect({ status: console.status, code: (console.body as ErrorBody).code }).toEqual({
      status: 403,
      code: ErrorCode.PlatformOperatorRequired,
    });
  });

  describe('sweeps: every field of every new body, query and path takes hostile values with a coded 4xx', () => {
    const refusedWithCode = (label: string, answer: request.Response) => {
      const code = (answer.body as Partial<ErrorBody>).code;
      return { label, status: answer.status < 500 ? 'below 500' : answer.status, coded: answer.status < 400 || !!code };
    };
    const fine = (label: string) => ({ label, status: 'below 500', coded: true });
    const sweep = async (probes: [string, () => Promise<request.Response>][]) => {
      const answers = [];
      for (const [label, probe] of probes) answers.push(refusedWithCode(label, await probe()));
      expect(answers).toEqual(probes.map(([label]) => fine(label)));
      expect(logs.lines.filter((line) => line.includes(MARK))).toEqual([]);
    };

    it('clinic applications and the operator console', async () => {
      const probes: [string, () => Promise<request.Response>][] = hostileBodies({ ...clinicApplication() }).map(
        ([label, body]) => [`apply ${label}`, () => apply(body)],
      );
      const asOperator = (path: string) => operator.agent.get(path);
      for (const query of ['limit=1e9', 'limit=abc', 'limit=1&limit=2', `cursor=${MARK}`, 'status[]=pending']) {
        probes.push([`list ?${query}`, () => asOperator(`/api/operator/clinics?${query}`)]);
      }
      for (const id of [MARK, '00000000-0000-0000-0000-000000000000', clinicId]) {
        probes.push([`read ${id}`, () => asOperator(`/api/operator/clinics/${id}`)]);
        for (const [label, body] of hostileBodies({ reason: 'Not a clinic' })) {
          const refuse = () => operator.agent.post(`/api/operator/clinics/${id}/refuse`).set(operator.csrf);
          probes.push([`refuse ${id} ${label}`, () => refuse().send(body as object)]);
        }
      }
      for (const [label, body] of hostileBodies({ email: 'nobody@example.org' })) {
        const grant = () => operator.agent.post('/api/operator/operators').set(operator.csrf);
        probes.push([`grant ${label}`, () => grant().send(body as object)]);
      }
      const revoke = () => operator.agent.delete(`/api/operator/operators/${MARK}`).set(operator.csrf);
      probes.push([`revoke ${MARK}`, revoke]);
      await sweep(probes);
    });

    it('clinic profiles, logos, payouts and SSO settings', async () => {
      const profile = {
        name: 'Probed clinic',
        address: { lines: ['Torstraße 1'], city: 'Berlin', postcode: '10119', country: 'DE' },
        defaultCurrency: 'EUR',
        timeZone: 'Europe/Berlin',
        directory: { showLogo: true, address: 'city' },
      };
      const asAdmin = (method: 'put' | 'post', path: string) =>
        admin.agent[method](`/api/clinics/${clinicId}/${path}`).set(admin.inClinic);
      const putProfile = (body: unknown) => asAdmin('put', 'profile').send(body as object);
      const probes: [string, () => Promise<request.Response>][] = [
        ...hostileBodies(profile).map(([label, body]): [string, () => Promise<request.Response>] => [
          `profile ${label}`,
          () => putProfile(body),
        ]),
        ...hostileBodies(profile.address).map(([label, address]): [string, () => Promise<request.Response>] => [
          `profile address ${label}`,
          () => putProfile({ ...profile, address }),
        ]),
        ...hostileBodies(profile.directory).map(([label, directory]): [string, () => Promise<request.Response>] => [
          `profile directory ${label}`,
          () => putProfile({ ...profile, directory }),
        ]),
        [`public logo ${MARK}`, () => request(testApp.baseUrl).get(`/api/clinics/${MARK}/logo`)],
        ['a logo that is no multipart', () => asAdmin('put', 'profile/logo').send({ file: MARK })],
        ['payout onboarding', () => asAdmin('post', 'payment-account/onboarding-link')],
        ['connect webhook unsigned', () => request(testApp.baseUrl).post(CONNECT_WEBHOOK).send(MARK)],
      ];
      const sso = {
        issuer: 'https://idp.example.org',
        clientId: 'vetmeet',
        clientSecret: 'secret',
        domains: ['probed.example'],
        justInTimeMembership: false,
        justInTimeRole: 'support',
      };
      const putSso = (body: unknown) => asAdmin('put', 'sso').send(body as object);
      for (const [label, body] of hostileBodies(sso)) probes.push([`sso ${label}`, () => putSso(body)]);
      for (const domain of [MARK, encodeURIComponent(`${MARK}.🐶.example`), `${MARK}${'x'.repeat(3000)}`, '..']) {
        probes.push([`verify ${domain.slice(0, 30)}`, () => asAdmin('post', `sso/domains/${domain}/verification`)]);
      }
      await sweep(probes);
    });

    it('the SSO start and callback a browser visits', async () => {
      const probes: [string, () => Promise<request.Response>][] = [];
      const starts = [
        '',
        'email=',
        `email[]=${MARK}@a.example&email[]=b@b.example`,
        `email[x]=${MARK}`,
        `email=${MARK}${'a'.repeat(300)}@x.example`,
      ];
      for (const query of starts) {
        const start = () => request(testApp.baseUrl).get(`/api/auth/sso/start?${query}`).set(fromNewAddress());
        probes.push([`start ?${query.slice(0, 30)}`, () => start().set('Accept', 'application/json')]);
      }
      const callbacks = [
        '',
        `code=${MARK}&state=${MARK}`,
        `code[]=${MARK}&state[]=x`,
        `error=${MARK}`,
        `code=${MARK}${'x'.repeat(5000)}`,
      ];
      for (const query of callbacks) {
        for (const cookie of [`vetmeet_sso_attempt=${MARK}`, 'vetmeet_sso_attempt=j%3A%7B%7D']) {
          const callback = () => request(testApp.baseUrl).get(`/api/auth/sso/callback?${query}`).set(fromNewAddress());
          const asJson = () => callback().set('Cookie', cookie).set('Accept', 'application/json');
          probes.push([`callback ?${query.slice(0, 30)}`, asJson]);
        }
      }
      await sweep(probes);
    });
  });
});
