import { ErrorCode, type ClinicApplicationView, type ClinicDecisionView, type OperatorClinicPage, type SessionView } from '@vetmeet/contracts';
import { registerAndSignIn, type SignedIn } from '../support/accounts';
import { asSchemaOwner, markEmailVerified } from '../support/consultations';
import { startMailTestApp, type MailTestApp } from '../support/mail-test-app';
import { clinicApplication, signedInOperator } from '../support/operators';

/** Clinic onboarding over HTTP: apply, decide, e-mail, become the clinic's admin; every refusal with its code. */
describe('clinic onboarding and the platform operator', () => {
  let world: MailTestApp;
  let operator: Awaited<ReturnType<typeof signedInOperator>>;

  const verified = async (): Promise<SignedIn & { csrf: { 'X-CSRF-Token': string } }> => {
    const person = await registerAndSignIn(world.testApp.baseUrl);
    await markEmailVerified(world.testApp.database.url, person.session.account.id);
    return { ...person, csrf: { 'X-CSRF-Token': person.session.csrfToken } };
  };
  const apply = (person: SignedIn, body: object = clinicApplication()) =>
    person.agent.post('/api/clinic-applications').set('X-CSRF-Token', person.session.csrfToken).send(body);
  const decide = (clinicId: string, decision: string, body?: object) =>
    operator.agent.post(`/api/operator/clinics/${clinicId}/${decision}`).set(operator.csrf).send(body ?? {});
  const operatorEvents = (action: string) =>
    asSchemaOwner(world.testApp.database.url, async (client) =>
      (await client.query<{ outcome: string; actor_role: string; entity_id: string }>(
        'SELECT outcome, actor_role, entity_id FROM audit_events WHERE action = $1 ORDER BY chain_seq',
        [action],
      )).rows,
    );

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
    const response = await apply(unverified).expect(403);
    expect(response.body.code).toBe(ErrorCode.EmailNotVerified);
  });

  it('validates every field of an application with VALIDATION_FAILED and says which', async () => {
    const applicant = await verified();
    const response = await apply(applicant, clinicApplication({ name: ' ', country: 'XX', timeZone: 'Mars/Olympus', contactEmail: 'nope', contactPhone: 'call me' })).expect(400);
    expect(response.body.code).toBe(ErrorCode.ValidationFailed);
    const details = (response.body.details as string[]).join(' ');
    for (const field of ['name', 'country', 'timeZone', 'contactEmail', 'contactPhone']) expect(details).toContain(field);
    await apply(applicant, { ...clinicApplication(), legalEntity: undefined }).expect(400);
    await apply(applicant, { ...clinicApplication(), status: 'approved' }).expect(400);
  });

  it('takes one waiting application per account; an operator approves it and the applicant becomes its clinic admin, told by e-mail', async () => {
    const applicant = await verified();
    const applied = (await apply(applicant).expect(201)).body as ClinicApplicationView;
    expect(applied).toMatchObject({ status: 'pending', name: 'Happy Paws', country: 'UA', timeZone: 'Europe/Kyiv', statusReason: null });
    expect((await apply(applicant).expect(409)).body.code).toBe(ErrorCode.ClinicApplicationPending);
    expect((await applicant.agent.get('/api/clinic-applications/mine').expect(200)).body).toEqual([applied]);

    const pending = (await operator.agent.get('/api/operator/clinics?status=pending').expect(200)).body as OperatorClinicPage;
    expect(pending.items.map((clinic) => clinic.id)).toContain(applied.id);

    const decision = (await decide(applied.id, 'approve').expect(200)).body as ClinicDecisionView;
    expect(decision).toMatchObject({ clinic: { status: 'approved' }, applicantNotified: true, bookingsCancelled: 0 });
    const mail = await decisionMailTo(applicant.email);
    expect(mail.parsed.subject).toBe('Happy Paws is approved on Vetmeet');
    const session = (await applicant.agent.get('/api/auth/session').expect(200)).body as SessionView;
    expect(session.memberships).toEqual([{ clinicId: applied.id, clinicName: 'Happy Paws', role: 'clinic_admin' }]);
    // As its admin, they act in it: its pending invitations answer.
    await applicant.agent.get(`/api/clinics/${applied.id}/invitations`).set('X-Clinic-Id', applied.id).expect(200);

    expect((await decide(applied.id, 'approve').expect(409)).body.code).toBe(ErrorCode.ClinicState);
    expect((await decide(applied.id, 'reinstate', { reason: 'It is not suspended' }).expect(409)).body.code).toBe(ErrorCode.ClinicState);
    expect(await operatorEvents('clinic.approve')).toEqual([
      { outcome: 'success', actor_role: 'operator', entity_id: applied.id },
      { outcome: 'failure', actor_role: 'operator', entity_id: applied.id },
    ]);
  });

  it('refuses an application with a reason the applicant reads in the e-mail and on their page; they may apply again', async () => {
    const applicant = await verified();
    const applied = (await apply(applicant, clinicApplication({ name: 'Shady Vets' })).expect(201)).body as ClinicApplicationView;
    expect((await decide(applied.id, 'refuse', { reason: '  ' }).expect(400)).body.code).toBe(ErrorCode.ValidationFailed);
    await decide(applied.id, 'refuse').expect(400);
    const refused = (await decide(applied.id, 'refuse', { reason: 'The legal entity is not registered.' }).expect(200)).body as ClinicDecisionView;
    expect(refused.clinic).toMatchObject({ status: 'refused', statusReason: 'The legal entity is not registered.' });
    const mail = await decisionMailTo(applicant.email);
    expect(mail.parsed.text).toContain('The legal entity is not registered.');
    const mine = (await applicant.agent.get('/api/clinic-applications/mine').expect(200)).body as ClinicApplicationView[];
    expect(mine[0]).toMatchObject({ status: 'refused', statusReason: 'The legal entity is not registered.' });
    expect((await applicant.agent.get('/api/auth/session').expect(200)).body.memberships).toEqual([]);
    await apply(applicant, clinicApplication({ name: 'Honest Vets' })).expect(201);
  });

  it('pages the clinics list by status with a cursor, and refuses a cursor of another list', async () => {
    for (const name of ['Page One', 'Page Two', 'Page Three']) await apply(await verified(), clinicApplication({ name })).expect(201);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: OperatorClinicPage = (await operator.agent.get('/api/operator/clinics').query({ status: 'pending', limit: 1, ...(cursor ? { cursor } : {}) }).expect(200)).body;
      seen.push(...page.items.map((clinic) => clinic.id));
      expect(page.items.every((clinic) => clinic.status === 'pending')).toBe(true);
      cursor = page.nextCursor;
      if (cursor && seen.length === 1) {
        const other = await operator.agent.get('/api/operator/clinics').query({ status: 'approved', cursor }).expect(400);
        expect(other.body.code).toBe(ErrorCode.ValidationFailed);
      }
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect((await operator.agent.get('/api/operator/clinics?status=lost').expect(400)).body.code).toBe(ErrorCode.ValidationFailed);
  });

  it('keeps the console to operators: PLATFORM_OPERATOR_REQUIRED for anyone else, audited', async () => {
    const applicant = await verified();
    const refusal = await applicant.agent.get('/api/operator/clinics').expect(403);
    expect(refusal.body.code).toBe(ErrorCode.PlatformOperatorRequired);
    await applicant.agent.post('/api/operator/operators').set('X-CSRF-Token', applicant.session.csrfToken).send({ email: applicant.email }).expect(403);
    const denied = await asSchemaOwner(world.testApp.database.url, async (client) =>
      (await client.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'access.operator' AND actor_user_id = $1 AND outcome = 'denied'`, [applicant.session.account.id])).rows[0].n,
    );
    expect(denied).toBe(2);
  });

  it('grants and revokes operator by e-mail in the console, keeps the last one, and audits each', async () => {
    const colleague = await verified();
    expect((await operator.agent.post('/api/operator/operators').set(operator.csrf).send({ email: 'nobody@example.test' }).expect(404)).body.code).toBe(ErrorCode.NotFound);
    await operator.agent.post('/api/operator/operators').set(operator.csrf).send({ email: 'not an address' }).expect(400);
    const grant = (await operator.agent.post('/api/operator/operators').set(operator.csrf).send({ email: colleague.email }).expect(200)).body;
    expect(grant).toEqual({ userId: colleague.session.account.id, granted: true });
    const listed = (await operator.agent.get('/api/operator/operators').expect(200)).body as { email: string }[];
    expect(listed.map((row) => row.email)).toEqual([operator.email, colleague.email]);
    await colleague.agent.get('/api/operator/clinics').expect(200);
    expect((await colleague.agent.get('/api/auth/session').expect(200)).body.platformOperator).toBe(true);

    await colleague.agent.delete(`/api/operator/operators/${operator.session.account.id}`).set('X-CSRF-Token', colleague.session.csrfToken).expect(204);
    await operator.agent.get('/api/operator/clinics').expect(403);
    const last = await colleague.agent.delete(`/api/operator/operators/${colleague.session.account.id}`).set('X-CSRF-Token', colleague.session.csrfToken).expect(409);
    expect(last.body.code).toBe(ErrorCode.LastPlatformOperator);
    // Give the first operator back to the other tests, and check the trail.
    await colleague.agent.post('/api/operator/operators').set('X-CSRF-Token', colleague.session.csrfToken).send({ email: operator.email }).expect(200);
    expect((await operatorEvents('operator.revoke')).map((event) => event.outcome)).toEqual(['success', 'failure']);
    expect((await operatorEvents('operator.grant')).filter((event) => event.outcome === 'success')).toHaveLength(3);
  });
});
