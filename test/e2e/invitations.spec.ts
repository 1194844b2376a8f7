import { ErrorCode, type InvitationView, type SessionView } from '@vetmeet/contracts';
import { Client } from 'pg';
import request from 'supertest';
import { bootstrapClinic } from '../../apps/api/src/clinics/clinic-bootstrap';
import { newAccount, STRONG_PASSWORD, type SignedIn } from '../support/accounts';
import { linkToken, sha256 } from '../support/mail-links';
import { startMailTestApp } from '../support/mail-test-app';
import type { CapturedMail, SmtpCapture } from '../support/smtp-capture';
import type { TestApp } from '../support/test-app';



describe('staff invitations', () => {
  let smtp: SmtpCapture;
  let testApp: TestApp;
  let owner: Client;
  let adminA: SignedIn;
  let adminB: SignedIn;
  let clinicA: string;
  let clinicB: string;
  const api = () => request(testApp.baseUrl);
  const tokensSeen: string[] = [];
  const addressesSeen: string[] = [];

  /** A registered, signed-in account; verified through its e-mailed link unless asked not to be. */
  async function signedIn(email?: string, { verified = true } = {}): Promise<SignedIn> {
    const account = newAccount(email ? { email } : {});
    addressesSeen.push(account.email);
    await api().post('/api/accounts').send(account).expect(202);
    const verification = await smtp.nextMessageTo(account.email);
    if (verified) await api().post('/api/accounts/verify-email').send({ token: linkToken(verification, '/verify-email') }).expect(200);
    const agent = request.agent(testApp.baseUrl);
    const session = (await agent.post('/api/auth/sign-in').send({ email: account.email, password: STRONG_PASSWORD }).expect(200)).body as SessionView;
    return { agent, session, email: account.email };
  }

  /** A write in a clinic, as the request the web client sends: CSRF token and X-Clinic-Id. */
  const inClinic = (who: SignedIn, clinicId: string | null) => ({
    post: (path: string) => withHeaders(who.agent.post(path), who, clinicId),
    get: (path: string) => withHeaders(who.agent.get(path), who, clinicId),
    delete: (path: string) => withHeaders(who.agent.delete(path), who, clinicId),
  });
  function withHeaders(test: request.Test, who: SignedIn, clinicId: string | null): request.Test {
    test.set('X-CSRF-Token', who.session.csrfToken);
    return clinicId ? test.set('X-Clinic-Id', clinicId) : test;
  }

  async function invite(email: string, role = 'consultant'): Promise<{ view: InvitationView; token: string; mail: CapturedMail }> {
    addressesSeen.push(email);
    const response = await inClinic(adminA, clinicA).post(`/api/clinics/${clinicA}/invitations`).send({ email, role }).expect(201);
    const mail = await smtp.nextMessageTo(email);
    const token = linkToken(mail, '/invitations/accept');
    tokensSeen.push(token);
    return { view: response.body as InvitationView, token, mail };
  }

  const lastAuditSeq = async () => (await owner.query<{ seq: string }>('SELECT coalesce(max(chain_seq), 0)::text AS seq FROM audit_events')).rows[0].seq;
  const refusalsSince = async (seq: string) =>
    (await owner.query(`SELECT action, outcome, clinic_id, entity_id FROM audit_events WHERE chain_seq > $1 AND outcome <> 'success' ORDER BY chain_seq`, [seq])).rows;

  beforeAll(async () => {
    ({ testApp, smtp } = await startMailTestApp());
    owner = new Client({ connectionString: testApp.database.url });
    await owner.connect();
    adminA = await signedIn();
    adminB = await signedIn();
    clinicA = (await bootstrapClinic(testApp.database.url, { name: 'Riverside Vets', adminEmail: adminA.email })).clinicId;
    clinicB = (await bootstrapClinic(testApp.database.url, { name: 'Hilltop Animal Clinic', adminEmail: adminB.email })).clinicId;
  });
  afterAll(async () => {
    await owner?.end();
    await testApp?.close();
    await smtp?.close();
  });

  it('bootstraps a clinic with its first admin, who then acts in it', async () => {
    const session = (await adminA.agent.get('/api/auth/session').expect(200)).body as SessionView;
    expect(session.memberships).toEqual([{ clinicId: clinicA, clinicName: 'Riverside Vets', role: 'clinic_admin' }]);
    await inClinic(adminA, clinicA).get('/api/accounts/me').expect(200);
  });

  it('lets an admin invite by e-mail: a mail with the clinic, the role and a link; only the hash of its token is kept', async () => {
    const email = `vet-${Date.now()}@staff.test`;
    const { view, token, mail } = await invite(email);
    expect(view).toEqual({ id: expect.any(String), email, role: 'consultant', invitedBy: adminA.session.account.id, createdAt: expect.any(String), expiresAt: expect.any(String) });
    expect(new Date(view.expiresAt).getTime() - new Date(view.createdAt).getTime()).toBeCloseTo(7 * 24 * 60 * 60 * 1000, -4);
    expect(mail.parsed.subject).toBe('You are invited to join Riverside Vets on Vetmeet');
    expect(mail.parsed.text).toContain('as a consultant');
    expect((await owner.query('SELECT token_hash FROM invitations WHERE id = $1', [view.id])).rows).toEqual([{ token_hash: sha256(token) }]);

    const pending = (await inClinic(adminA, clinicA).get(`/api/clinics/${clinicA}/invitations`).expect(200)).body as InvitationView[];
    expect(pending).toContainEqual(view);
    expect(JSON.stringify(pending)).not.toMatch(/token/i);
  });

  it('previews a link for anyone holding it, without signing in', async () => {
    const email = `support-${Date.now()}@staff.test`;
    const { token } = await invite(email, 'support');
    expect((await api().post('/api/invitations/preview').send({ token }).expect(200)).body).toEqual({ clinicName: 'Riverside Vets', role: 'support', email, expired: false });
    expect((await api().post('/api/invitations/preview').send({ token: 'A'.repeat(43) }).expect(400)).body.code).toBe(ErrorCode.InvitationInvalid);
  });

  it('lets only the invited account accept, then the person works in the clinic', async () => {
    const email = `consultant-${Date.now()}@staff.test`;
    const { view, token } = await invite(email);

    const stranger = await signedIn();
    const refused = await stranger.agent.post('/api/invitations/accept').set('X-CSRF-Token', stranger.session.csrfToken).send({ token }).expect(403);
    expect(refused.body.code).toBe(ErrorCode.Forbidden);
    expect((await owner.query('SELECT accepted_at FROM invitations WHERE id = $1', [view.id])).rows).toEqual([{ accepted_at: null }]);

    const invitee = await signedIn(email);
    const joined = await invitee.agent.post('/api/invitations/accept').set('X-CSRF-Token', invitee.session.csrfToken).send({ token }).expect(200);
    expect(joined.body).toEqual({ clinicId: clinicA, clinicName: 'Riverside Vets', role: 'consultant' });
    const session = (await invitee.agent.get('/api/auth/session').expect(200)).body as SessionView;
    expect(session.memberships).toEqual([{ clinicId: clinicA, clinicName: 'Riverside Vets', role: 'consultant' }]);
    await inClinic(invitee, clinicA).get('/api/accounts/me').expect(200);

    const again = await invitee.agent.post('/api/invitations/accept').set('X-CSRF-Token', invitee.session.csrfToken).send({ token }).expect(400);
    expect(again.body.code).toBe(ErrorCode.InvitationInvalid);
    expect((await api().post('/api/invitations/preview').send({ token }).expect(400)).body.code).toBe(ErrorCode.InvitationInvalid);
    const pending = (await inClinic(adminA, clinicA).get(`/api/clinics/${clinicA}/invitations`).expect(200)).body as InvitationView[];
    expect(pending.map((invitation) => invitation.id)).not.toContain(view.id);

    // A member without the admin role cannot invite, list or revoke; each refusal is in the clinic's log.
    const before = await lastAuditSeq();
    const notAdmin = await inClinic(invitee, clinicA).post(`/api/clinics/${clinicA}/invitations`).send({ email: 'friend@staff.test', role: 'clinic_admin' }).expect(403);
    expect(notAdmin.body.code).toBe(ErrorCode.Forbidden);
    await inClinic(invitee, clinicA).get(`/api/clinics/${clinicA}/invitations`).expect(403);
    await inClinic(invitee, clinicA).delete(`/api/clinics/${clinicA}/invitations/${view.id}`).expect(403);
    expect((await refusalsSince(before)).map(({ action, clinic_id }) => ({ action, clinic_id }))).toEqual([
      { action: 'access.staff:invite', clinic_id: clinicA },
      { action: 'access.staff:list', clinic_id: clinicA },
      { action: 'access.staff:invite', clinic_id: clinicA },
    ]);
  });

  it('accepts with the invited address in any letter case, and refuses an expired invitation', async () => {
    const email = `late-${Date.now()}@staff.test`;
    const { view, token } = await invite(email);
    await owner.query("UPDATE invitations SET expires_at = now() - interval '1 second' WHERE id = $1", [view.id]);
    expect((await api().post('/api/invitations/preview').send({ token }).expect(200)).body).toMatchObject({ expired: true });
    const invitee = await signedIn(email.toUpperCase());
    const expired = await invitee.agent.post('/api/invitations/accept').set('X-CSRF-Token', invitee.session.csrfToken).send({ token }).expect(400);
    expect(expired.body.code).toBe(ErrorCode.InvitationInvalid);
    expect((await owner.query('SELECT count(*)::int AS memberships FROM clinic_memberships WHERE user_id = $1', [invitee.session.account.id])).rows).toEqual([{ memberships: 0 }]);

    const fresh = await invite(email, 'support');
    await invitee.agent.post('/api/invitations/accept').set('X-CSRF-Token', invitee.session.csrfToken).send({ token: fresh.token }).expect(200);
  });

  it('revokes a pending invitation: its link stops working; inviting again replaces the old link', async () => {
    const email = `maybe-${Date.now()}@staff.test`;
    const first = await invite(email);
    const second = await invite(email, 'support');
    expect((await api().post('/api/invitations/preview').send({ token: first.token }).expect(400)).body.code).toBe(ErrorCode.InvitationInvalid);
    await inClinic(adminA, clinicA).delete(`/api/clinics/${clinicA}/invitations/${second.view.id}`).expect(204);
    expect((await api().post('/api/invitations/preview').send({ token: second.token }).expect(400)).body.code).toBe(ErrorCode.InvitationInvalid);
    await inClinic(adminA, clinicA).delete(`/api/clinics/${clinicA}/invitations/${second.view.id}`).expect(404);
  });

  it('refuses every way into another clinic, as if it did not exist, and audits every refusal', async () => {
    const bInvitation = await inClinic(adminB, clinicB).post(`/api/clinics/${clinicB}/invitations`).send({ email: 'b-staff@staff.test', role: 'support' }).expect(201);
    await smtp.nextMessageTo('b-staff@staff.test');
    addressesSeen.push('b-staff@staff.test');
    const body = { email: 'intruder@staff.test', role: 'clinic_admin' };
    const before = await lastAuditSeq();

    const refusals = [
      // Acting in clinic A, aiming at B: the access policy refuses.
      await inClinic(adminA, clinicA).post(`/api/clinics/${clinicB}/invitations`).send(body),
      await inClinic(adminA, clinicA).get(`/api/clinics/${clinicB}/invitations`),
      await inClinic(adminA, clinicA).delete(`/api/clinics/${clinicB}/invitations/${bInvitation.body.id}`),
      // Acting in no clinic.
      await inClinic(adminA, null).post(`/api/clinics/${clinicB}/invitations`).send(body),
      // Claiming to act in B: the session guard refuses before any invitation code runs.
      await inClinic(adminA, clinicB).post(`/api/clinics/${clinicB}/invitations`).send(body),
      // B's invitation through A's own path: row-level security does not show it.
      await inClinic(adminA, clinicA).delete(`/api/clinics/${clinicA}/invitations/${bInvitation.body.id}`),
    ];

    for (const response of refusals) {
      expect(response.status).toBe(404);
      expect(response.body.code).toBe(ErrorCode.NotFound);
    }
    expect((await owner.query('SELECT accepted_at FROM invitations WHERE id = $1', [bInvitation.body.id])).rows).toEqual([{ accepted_at: null }]);
    await expect(smtp.nextMessageTo('intruder@staff.test', 300)).rejects.toThrow(/no email/);

    // One audit event per refusal, in the log of the clinic the request acted in (none: no clinic's).
    expect(await refusalsSince(before)).toEqual([
      { action: 'access.staff:invite', outcome: 'denied', clinic_id: clinicA, entity_id: clinicB },
      { action: 'access.staff:list', outcome: 'denied', clinic_id: clinicA, entity_id: clinicB },
      { action: 'access.staff:invite', outcome: 'denied', clinic_id: clinicA, entity_id: clinicB },
      { action: 'access.staff:invite', outcome: 'denied', clinic_id: null, entity_id: clinicB },
      { action: 'access.clinic', outcome: 'denied', clinic_id: null, entity_id: clinicB },
      { action: 'invitation.revoke', outcome: 'failure', clinic_id: clinicA, entity_id: bInvitation.body.id },
    ]);
  });

  it.each([
    ['a clinic id in the body (mass assignment)', { email: 'x@staff.test', role: 'consultant', clinicId: '8d3c1e2a-0000-4000-8000-000000000000' }],
    ['an invitedBy in the body (mass assignment)', { email: 'x@staff.test', role: 'consultant', invitedBy: '8d3c1e2a-0000-4000-8000-000000000000' }],
    ['a role that is not a staff role', { email: 'x@staff.test', role: 'owner' }],
    ['an address that is not one', { email: 'not-an-address', role: 'consultant' }],
  ])('refuses an invitation with %s', async (_, body) => {
    const response = await inClinic(adminA, clinicA).post(`/api/clinics/${clinicA}/invitations`).send(body).expect(400);
    expect(response.body.code).toBe(ErrorCode.ValidationFailed);
  });

  it('refuses an account that has not verified the invited address, even holding the link', async () => {
    const email = 'forwarded-link@staff.test';
    const { view, token } = await invite(email, 'clinic_admin');
    const squatter = await signedIn(email, { verified: false });
    const refused = await squatter.agent.post('/api/invitations/accept').set('X-CSRF-Token', squatter.session.csrfToken).send({ token }).expect(403);
    expect(refused.body.code).toBe(ErrorCode.EmailNotVerified);
    expect((await owner.query('SELECT accepted_at FROM invitations WHERE id = $1', [view.id])).rows).toEqual([{ accepted_at: null }]);
    expect((await owner.query('SELECT 1 FROM clinic_memberships WHERE user_id = $1', [squatter.session.account.id])).rowCount).toBe(0);
  });

  it('refuses a role smuggled into an acceptance', async () => {
    const email = `smuggler-${Date.now()}@staff.test`;
    const { token } = await invite(email, 'support');
    const invitee = await signedIn(email);
    const response = await invitee.agent.post('/api/invitations/accept').set('X-CSRF-Token', invitee.session.csrfToken).send({ token, role: 'clinic_admin' }).expect(400);
    expect(response.body.code).toBe(ErrorCode.ValidationFailed);
  });

  // The invitation's mail used to go out inside its transaction, after its audit row: a slow mail
  // server then held the app-wide audit chain lock, and every audited request waited for it.
  it('sends the mail after its transaction: while the mail server is slow, other audited requests go on', async () => {
    const email = `slow-mail-${Date.now()}@staff.test`;
    addressesSeen.push(email);
    const attemptsBefore = smtp.attempts;
    const release = smtp.stall();
    // then() sends the request now; the invitation stays in flight while its mail is stalled.
    const inviting = inClinic(adminA, clinicA).post(`/api/clinics/${clinicA}/invitations`).send({ email, role: 'consultant' }).then((response) => response.status);
    let timer: NodeJS.Timeout | undefined;
    try {
      for (let waited = 0; smtp.attempts === attemptsBefore && waited < 5_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(smtp.attempts).toBeGreaterThan(attemptsBefore);
      const listed = inClinic(adminA, clinicA).get(`/api/clinics/${clinicA}/invitations`).then((response) => response.status);
      const tooLong = new Promise((resolve) => (timer = setTimeout(() => resolve('still waiting after 3 s'), 3_000)));
      expect(await Promise.race([listed, tooLong])).toBe(200);
    } finally {
      clearTimeout(timer);
      release();
    }
    expect(await inviting).toBe(201);
    expect(linkToken(await smtp.nextMessageTo(email), '/invitations/accept')).toEqual(expect.any(String));
  });

  it('creates no invitation when its mail cannot be sent', async () => {
    smtp.refuse(550, 1);
    const email = `unreachable-${Date.now()}@staff.test`;
    addressesSeen.push(email);
    const response = await inClinic(adminA, clinicA).post(`/api/clinics/${clinicA}/invitations`).send({ email, role: 'consultant' }).expect(503);
    expect(response.body.code).toBe(ErrorCode.EmailNotSent);
    expect((await owner.query('SELECT 1 FROM invitations WHERE email = $1', [email])).rowCount).toBe(0);
  });

  it('audits creating, listing, previewing, accepting and revoking, with neither addresses nor tokens in the log', async () => {
    const events = (await owner.query('SELECT * FROM audit_events ORDER BY chain_seq')).rows;
    const actions = new Set(events.filter((event) => event.clinic_id === clinicA && event.outcome === 'success').map((event) => event.action));
    for (const action of ['clinic.create', 'invitation.create', 'invitation.list', 'invitation.preview', 'invitation.accept', 'invitation.revoke']) expect(actions).toContain(action);
    expect(events).toContainEqual(expect.objectContaining({ action: 'invitation.accept', outcome: 'denied', clinic_id: clinicA }));
    expect(events).toContainEqual(expect.objectContaining({ action: 'invitation.create', outcome: 'failure' }));
    const log = JSON.stringify(events);
    expect(log).not.toContain('@');
    for (const seen of [...tokensSeen, ...addressesSeen]) expect(log).not.toContain(seen);
  });
});
