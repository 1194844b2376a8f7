import {
  ErrorCode,
  type ClinicApplicationView,
  type ClinicDecisionView,
  type OperatorClinicPage,
  type SessionView,
} from '@vetmeet/contracts';
import { registerAndSignIn, type SignedIn } from '../support/accounts';
import { asSchemaOwner, markEmailVerified } from '../support/consultations';
import { startMailTestApp, type MailTestApp } from '../support/mail-test-app';
import { clinicApplication, signedInOperator, type SignedInOperator } from '../support/operators';

type Person = SignedIn & { csrf: { 'X-CSRF-Token': string } };

/** Clinic onboarding over HTTP: apply, decide, e-mail, become the clinic's admin; every refusal with its code. */
describe('clinic onboarding and the platform operator', () => {
  let world: MailTestApp;
  let operator: SignedInOperator;

  const verified = async (): Promise<Person> => {
    const person = await registerAndSignIn(world.testApp.baseUrl);
    await markEmailVerified(world.testApp.database.url, person.session.account.id);
    return { ...person, csrf: { 'X-CSRF-Token': person.session.csrfToken } };
  };
  const apply = (person: SignedIn, body: object = clinicApplication()) =>
    person.agent.post('/api/clinic-applications').set('X-CSRF-Token', person.session.csrfToken).send(body);
  const applied = async (person: SignedIn, body?: object) =>
    (await apply(person, body).expect(201)).body as ClinicApplicationView;
  const mine = async (person: SignedIn) =>
    (await person.agent.get('/api/clinic-applications/mine').expect(200)).body as ClinicApplicationView[];
  const decide = (clinicId: string, decision: string, body?: object) =>
    operator.agent.post(`/api/operator/clinics/${clinicId}/${decision}`).set(operator.csrf).send(body ?? {});
  const codeOf = async (response: PromiseLike<{ body: { code?: string } }>) => (await response).body.code;
  const clinics = (as: SignedIn, query: Record<string, string | number>) =>
    as.agent.get('/api/operator/clinics').query(query);
  const grant = (as: Person, email: string) => as.agent.post('/api/operator/operators').set(as.csrf).send({ email });
  const revoke = (as: Person, userId: string) => as.agent.delete(`/api/operator/operators/${userId}`).set(as.csrf);
  const operatorEvents = (action: string) =>
    asSchemaOwner(world.testApp.database.url, async (client) => {
      const sql = 'SELECT outcome, actor_role, entity_id FROM audit_events WHERE action = $1 ORDER BY chain_seq';
      return (await client.query<{ outcome: string; actor_role: string; entity_id: string }>(sql, [action])).rows;
    });
  /** The first message to the address that is not the verification e-mail of its registration. */
  const decisionMailTo = async (address: string) => {
    for (;;) {
      const mail = await world.smtp.nextMessageTo(address);
      if (!mail.parsed.subject?.startsWith('Confirm your email')) return mail;
    }
  };

  beforeAll(async () => {
    world = await startMailTestApp();
    operator = await signedInOperator(world.testApp);
  });
  afterAll(() => world?.close());

  it('refuses an account whose address is not verified, with EMAIL_NOT_VERIFIED', async () => {
    const unverified = await registerAndSignIn(world.testApp.baseUrl);
    expect(await codeOf(apply(unverified).expect(403))).toBe(ErrorCode.EmailNotVerified);
  });

  it('validates every field of an application with VALIDATION_FAILED and says which', async () => {
    const applicant = await verified();
    const wrong = { name: ' ', country: 'XX', timeZone: 'Mars/Olympus', contactEmail: 'nope', contactPhone: 'call me' };
    const response = await apply(applicant, clinicApplication(wrong)).expect(400);
    expect(response.body.code).toBe(ErrorCode.ValidationFailed);
    const details = (response.body.details as string[]).join(' ');
    for (const field of Object.keys(wrong)) expect(details).toContain(field);
    await apply(applicant, { ...clinicApplication(), legalEntity: undefined }).expect(400);
    await apply(applicant, { ...clinicApplication(), status: 'approved' }).expect(400);
  });

  it('takes one waiting application per account; approved, the applicant is told and is its admin', async () => {
    const applicant = await verified();
    const application = await applied(applicant);
    expect(application).toMatchObject({ status: 'pending', name: 'Happy Paws', country: 'UA', statusReason: null });
    expect(application.timeZone).toBe('Europe/Kyiv');
    expect(await codeOf(apply(applicant).expect(409))).toBe(ErrorCode.ClinicApplicationPending);
    expect(await mine(applicant)).toEqual([application]);

    const pending = (await clinics(operator, { status: 'pending' }).expect(200)).body as OperatorClinicPage;
    expect(pending.items.map((clinic) => clinic.id)).toContain(application.id);

    const decision = (await decide(application.id, 'approve').expect(200)).body as ClinicDecisionView;
    expect(decision).toMatchObject({ clinic: { status: 'approved' }, applicantNotified: true, bookingsToCancel: 0 });
    expect((await decisionMailTo(applicant.email)).parsed.subject).toBe('Happy Paws is approved on Vetmeet');
    const session = (await applicant.agent.get('/api/auth/session').expect(200)).body as SessionView;
    expect(session.memberships).toEqual([{ clinicId: application.id, clinicName: 'Happy Paws', role: 'clinic_admin' }]);
    // As its admin, they act in it: its pending invitations answer.
    const invitations = `/api/clinics/${application.id}/invitations`;
    await applicant.agent.get(invitations).set('X-Clinic-Id', application.id).expect(200);

    expect(await codeOf(decide(application.id, 'approve').expect(409))).toBe(ErrorCode.ClinicState);
    const notSuspended = decide(application.id, 'reinstate', { reason: 'It is not suspended' }).expect(409);
    expect(await codeOf(notSuspended)).toBe(ErrorCode.ClinicState);
    expect(await operatorEvents('clinic.approve')).toEqual([
      { outcome: 'success', actor_role: 'operator', entity_id: application.id },
      { outcome: 'failure', actor_role: 'operator', entity_id: application.id },
    ]);
  });

  it('refuses with a reason the applicant reads by e-mail and on their page; they may apply again', async () => {
    const applicant = await verified();
    const application = await applied(applicant, clinicApplication({ name: 'Shady Vets' }));
    const blank = decide(application.id, 'refuse', { reason: '  ' }).expect(400);
    expect(await codeOf(blank)).toBe(ErrorCode.ValidationFailed);
    await decide(application.id, 'refuse').expect(400);
    const reason = 'The legal entity is not registered.';
    const refused = (await decide(application.id, 'refuse', { reason }).expect(200)).body as ClinicDecisionView;
    expect(refused.clinic).toMatchObject({ status: 'refused', statusReason: reason });
    expect((await decisionMailTo(applicant.email)).parsed.text).toContain(reason);
    expect((await mine(applicant))[0]).toMatchObject({ status: 'refused', statusReason: reason });
    expect((await applicant.agent.get('/api/auth/session').expect(200)).body.memberships).toEqual([]);
    await apply(applicant, clinicApplication({ name: 'Honest Vets' })).expect(201);
  });

  it('pages the clinics list by status with a cursor, and refuses a cursor of another list', async () => {
    for (const name of ['Page One', 'Page Two', 'Page Three']) {
      await applied(await verified(), clinicApplication({ name }));
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query = { status: 'pending', limit: 1, ...(cursor ? { cursor } : {}) };
      const page = (await clinics(operator, query).expect(200)).body as OperatorClinicPage;
      seen.push(...page.items.map((clinic) => clinic.id));
      expect(page.items.every((clinic) => clinic.status === 'pending')).toBe(true);
      cursor = page.nextCursor;
      if (cursor && seen.length === 1) {
        const foreign = clinics(operator, { status: 'approved', cursor }).expect(400);
        expect(await codeOf(foreign)).toBe(ErrorCode.ValidationFailed);
      }
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(await codeOf(clinics(operator, { status: 'lost' }).expect(400))).toBe(ErrorCode.ValidationFailed);
  });

  it('keeps the console to operators: PLATFORM_OPERATOR_REQUIRED for anyone else, audited', async () => {
    const applicant = await verified();
    expect(await codeOf(clinics(applicant, {}).expect(403))).toBe(ErrorCode.PlatformOperatorRequired);
    await grant(applicant, applicant.email).expect(403);
    const denied = await asSchemaOwner(world.testApp.database.url, async (client) => {
      const sql = `SELECT count(*)::int AS n FROM audit_events
        WHERE action = 'access.operator' AND actor_user_id = $1 AND outcome = 'denied'`;
      return (await client.query<{ n: number }>(sql, [applicant.session.account.id])).rows[0].n;
    });
    expect(denied).toBe(2);
  });

  it('grants and revokes operator by e-mail in the console, keeps the last one, and audits each', async () => {
    const colleague = await verified();
    expect(await codeOf(grant(operator, 'nobody@example.test').expect(404))).toBe(ErrorCode.NotFound);
    await grant(operator, 'not an address').expect(400);
    const granted = (await grant(operator, colleague.email).expect(200)).body;
    expect(granted).toEqual({ userId: colleague.session.account.id, granted: true });
    const listed = (await operator.agent.get('/api/operator/operators').expect(200)).body as { email: string }[];
    expect(listed.map((row) => row.email)).toEqual([operator.email, colleague.email]);
    await clinics(colleague, {}).expect(200);
    expect((await colleague.agent.get('/api/auth/session').expect(200)).body.platformOperator).toBe(true);

    await revoke(colleague, operator.session.account.id).expect(204);
    await clinics(operator, {}).expect(403);
    const last = revoke(colleague, colleague.session.account.id).expect(409);
    expect(await codeOf(last)).toBe(ErrorCode.LastPlatformOperator);
    // Give the first operator back to the other tests, and check the trail.
    await grant(colleague, operator.email).expect(200);
    expect((await operatorEvents('operator.revoke')).map((event) => event.outcome)).toEqual(['success', 'failure']);
    expect((await operatorEvents('operator.grant')).filter((event) => event.outcome === 'success')).toHaveLength(3);
  });
});
