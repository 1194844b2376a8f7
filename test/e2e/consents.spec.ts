import { ErrorCode, type BookingView, type ConsentsView } from '@vetmeet/contracts';
import { Client } from 'pg';
import { CURRENT_PRIVACY_POLICY_VERSION } from '../../apps/api/src/accounts/privacy-policy';
import { ConsentEvents, type ConsentChanged } from '../../apps/api/src/consents/consent-events';
import { ConsentsService } from '../../apps/api/src/consents/consents.service';
import { registerAndSignIn, type SignedIn } from '../support/accounts';
import { book, createBookablePeople, firstSlot, requestBooking, type BookablePeople } from '../support/bookings';
import {
  createConsultationFor,
  invite,
  newestInvitationOf,
  setConsultationStatus,
  type ConsultationFixture,
} from '../support/consultations';
import { startTestApp, type TestApp } from '../support/test-app';

type Person = ConsultationFixture['owner'];

describe('consent, per person and per consultation, over HTTP', () => {
  let testApp: TestApp;
  let db: Client;
  let stranger: SignedIn;
  let fixture: ConsultationFixture;

  const path = (consultationId: string, purpose?: string) =>
    `/api/consultations/${consultationId}/consents${purpose ? `/${purpose}` : ''}`;
  const view = async (who: Person, consultationId = fixture.consultationId) =>
    (await who.agent.get(path(consultationId)).expect(200)).body as ConsentsView;
  const put = (who: Person, purpose: string, body: unknown, consultationId = fixture.consultationId) =>
    who.agent.put(path(consultationId, purpose)).set(who.csrf).send(body as object);
  const ledger = async (consultationId: string) =>
    (
      await db.query<{ user_id: string; purpose: string; granted: boolean; policy_version: string; recorded_at: Date }>(
        `SELECT user_id, purpose, granted, policy_version, recorded_at FROM consultation_consents
          WHERE consultation_id = $1 ORDER BY recorded_at`,
        [consultationId],
      )
    ).rows;
  const audited = async (consultationId: string) =>
    (
      await db.query<{ action: string; outcome: string }>(
        `SELECT action, outcome FROM audit_events WHERE entity_id = $1 AND action LIKE 'consent.%' ORDER BY chain_seq`,
        [consultationId],
      )
    ).rows;
  const success = (action: string) => ({ action, outcome: 'success' });
  const grantOf = (userId: string, purpose: string) => ({
    user_id: userId,
    purpose,
    granted: true,
    policy_version: CURRENT_PRIVACY_POLICY_VERSION,
  });
  const ownerAsOther = (recording: boolean) => ({ userId: fixture.owner.userId, role: 'owner', recording });
  const recordingConsentOf = (consultationId: string, userIds: string[]) =>
    testApp.app.get(ConsentsService).recordingConsentOf(consultationId, userIds);
  /** Pays with the local test payments; the consultant's auto-accept makes the consultation. */
  const payAndRead = async (people: BookablePeople, bookingId: string) => {
    const payment = people.owner.agent.post(`/api/bookings/${bookingId}/test-payment`).set(people.owner.csrf);
    await payment.send({ outcome: 'succeeded' }).expect(200);
    return (await people.owner.agent.get(`/api/bookings/${bookingId}`).expect(200)).body as BookingView;
  };
  const refusal = async (answer: PromiseLike<{ status: number; body: { code?: string } }>) => {
    const answered = await answer;
    return `${answered.status} ${answered.body.code}`;
  };

  beforeAll(async () => {
    testApp = await startTestApp({ TRUST_PROXY: 'loopback' });
    db = new Client({ connectionString: testApp.database.url });
    await db.connect();
    stranger = await registerAndSignIn(testApp.baseUrl, { displayName: 'Stranger' });
    fixture = await createConsultationFor(testApp);
  });
  afterAll(async () => {
    await db?.end();
    await testApp?.close();
  });

  it('starts with nothing granted for anyone: nothing is pre-ticked', async () => {
    const fresh = await createConsultationFor(testApp, { between: fixture });
    const owners = await view(fresh.owner, fresh.consultationId);
    expect(owners).toEqual({
      policyVersion: CURRENT_PRIVACY_POLICY_VERSION,
      role: 'owner',
      mine: {
        recording: { granted: false, recordedAt: null, policyVersion: null },
        supportReview: { granted: false, recordedAt: null, policyVersion: null },
      },
      others: [{ userId: fixture.consultant.userId, role: 'consultant', recording: false }],
    });
    expect((await view(fresh.consultant, fresh.consultationId)).others).toEqual([
      { userId: fixture.owner.userId, role: 'owner', recording: false },
    ]);
  });

  it('records a grant under the current policy version, audits it and announces it once committed', async () => {
    const announced: ConsentChanged[] = [];
    const events = testApp.app.get(ConsentEvents);
    const listener = (change: ConsentChanged) => announced.push(change);
    events.on('changed', listener);
    try {
      const answer = (await put(fixture.owner, 'recording', { granted: true }).expect(200)).body as ConsentsView;
      const granted = { granted: true, recordedAt: expect.any(String), policyVersion: CURRENT_PRIVACY_POLICY_VERSION };
      expect(answer.mine.recording).toEqual(granted);
      expect(answer.mine.supportReview.granted).toBe(false);
      const rows = await ledger(fixture.consultationId);
      expect(rows).toEqual([
        expect.objectContaining({ ...grantOf(fixture.owner.userId, 'recording') }),
      ]);
      expect(announced).toEqual([
        {
          consultationId: fixture.consultationId,
          userId: fixture.owner.userId,
          purpose: 'recording',
          granted: true,
          recordedAt: rows[0].recorded_at,
        },
      ]);
      expect(await audited(fixture.consultationId)).toContainEqual(success('consent.recording.grant'));
      expect((await view(fixture.consultant)).others).toEqual([ownerAsOther(true)]);
    } finally {
      events.off('changed', listener);
    }
  });

  it('appends nothing for an answer that is already standing: a repeated PUT is idempotent', async () => {
    const before = await ledger(fixture.consultationId);
    const auditedBefore = await audited(fixture.consultationId);
    const again = (await put(fixture.owner, 'recording', { granted: true }).expect(200)).body as ConsentsView;
    expect(again.mine.recording.recordedAt).toBe(before[0].recorded_at.toISOString());
    expect(await ledger(fixture.consultationId)).toEqual(before);
    // A refusal never given is no withdrawal either.
    await put(fixture.owner, 'support-review', { granted: false }).expect(200);
    expect(await ledger(fixture.consultationId)).toEqual(before);
    expect((await audited(fixture.consultationId)).filter((row) => row.action !== 'consent.read')).toEqual(
      auditedBefore.filter((row) => row.action !== 'consent.read'),
    );
  });

  it('records one row for the same answer sent several times at once', async () => {
    const fresh = await createConsultationFor(testApp, { between: fixture });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => put(fresh.consultant, 'recording', { granted: true }, fresh.consultationId)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 6 }, () => 200));
    expect(await ledger(fresh.consultationId)).toHaveLength(1);
  });

  it('records a withdrawal as a new row, and the standing answer becomes no', async () => {
    const withdrawn = (await put(fixture.owner, 'recording', { granted: false }).expect(200)).body as ConsentsView;
    expect(withdrawn.mine.recording).toMatchObject({ granted: false, policyVersion: CURRENT_PRIVACY_POLICY_VERSION });
    expect((await ledger(fixture.consultationId)).map((row) => row.granted)).toEqual([true, false]);
    expect(await audited(fixture.consultationId)).toContainEqual(success('consent.recording.withdraw'));
    expect((await view(fixture.consultant)).others[0].recording).toBe(false);
    const standing = await recordingConsentOf(fixture.consultationId, [fixture.owner.userId]);
    expect(standing).toEqual(new Map([[fixture.owner.userId, false]]));
  });

  it("lets the consultant answer for recording but not for support review, which is the owner's", async () => {
    await put(fixture.consultant, 'recording', { granted: true }).expect(200);
    const before = (await ledger(fixture.consultationId)).length;
    const forbidden = `403 ${ErrorCode.Forbidden}`;
    expect(await refusal(put(fixture.consultant, 'support-review', { granted: true }))).toBe(forbidden);
    expect(await ledger(fixture.consultationId)).toHaveLength(before);
    const denied = { action: 'consent.support_review.grant', outcome: 'denied' };
    expect(await audited(fixture.consultationId)).toContainEqual(denied);
    const owners = (await put(fixture.owner, 'support-review', { granted: true }).expect(200)).body as ConsentsView;
    expect(owners.mine.supportReview.granted).toBe(true);
    // The consultant learns only whether the owner agreed to recording.
    expect((await view(fixture.consultant)).others).toEqual([ownerAsOther(false)]);
  });

  it('answers the room with each person’s standing recording consent, false for anyone else', async () => {
    const people = [fixture.owner.userId, fixture.consultant.userId, stranger.session.account.id];
    const answers = await recordingConsentOf(fixture.consultationId, people);
    expect(answers).toEqual(
      new Map([
        [fixture.owner.userId, false],
        [fixture.consultant.userId, true],
        [stranger.session.account.id, false],
      ]),
    );
  });

  it('answers 404 to anyone but the participants, and to the consultant of an invitation not accepted', async () => {
    const strangerAsPerson = { agent: stranger.agent, csrf: { 'X-CSRF-Token': stranger.session.csrfToken } } as Person;
    const before = await ledger(fixture.consultationId);
    expect(await refusal(strangerAsPerson.agent.get(path(fixture.consultationId)))).toBe(`404 ${ErrorCode.NotFound}`);
    expect(await refusal(put(strangerAsPerson, 'recording', { granted: true }))).toBe(`404 ${ErrorCode.NotFound}`);
    expect(await ledger(fixture.consultationId)).toEqual(before);

    await invite(fixture);
    const invitation = await newestInvitationOf(fixture.owner);
    expect(await refusal(fixture.consultant.agent.get(path(invitation)))).toBe(`404 ${ErrorCode.NotFound}`);
    const yes = { granted: true };
    expect(await refusal(put(fixture.consultant, 'recording', yes, invitation))).toBe(`404 ${ErrorCode.NotFound}`);
    // The owner sees the invitation, but nothing is consented to before it is accepted.
    expect(await refusal(put(fixture.owner, 'recording', yes, invitation))).toBe(`409 ${ErrorCode.ConsultationState}`);
    expect(await ledger(invitation)).toEqual([]);
    await fixture.owner.agent.post(`/api/consultations/${invitation}/decline`).set(fixture.owner.csrf).expect(200);
  });

  it('refuses an answer for a cancelled consultation with CONSULTATION_STATE', async () => {
    const cancelled = await createConsultationFor(testApp, { between: fixture });
    await setConsultationStatus(testApp.database.url, cancelled.consultationId, 'cancelled');
    expect(await refusal(put(fixture.owner, 'recording', { granted: true }, cancelled.consultationId))).toBe(
      `409 ${ErrorCode.ConsultationState}`,
    );
    expect(await ledger(cancelled.consultationId)).toEqual([]);
  });

  it('refuses malformed requests (VALIDATION_FAILED) and a write without the CSRF token, writing nothing', async () => {
    const before = await ledger(fixture.consultationId);
    const invalid = `400 ${ErrorCode.ValidationFailed}`;
    expect(await refusal(put(fixture.owner, 'support_review', { granted: true }))).toBe(invalid);
    expect(await refusal(put(fixture.owner, 'everything', { granted: true }))).toBe(invalid);
    expect(await refusal(put(fixture.owner, 'recording', { granted: 'yes' }))).toBe(invalid);
    expect(await refusal(put(fixture.owner, 'recording', { granted: 1 }))).toBe(invalid);
    expect(await refusal(put(fixture.owner, 'recording', {}))).toBe(invalid);
    const forAnother = { granted: true, userId: fixture.consultant.userId };
    expect(await refusal(put(fixture.owner, 'recording', forAnother))).toBe(invalid);
    expect(await refusal(put(fixture.owner, 'recording', { granted: true }, 'not-a-uuid'))).toBe(invalid);
    expect(await refusal(fixture.owner.agent.get('/api/consultations/not-a-uuid/consents'))).toBe(invalid);
    const withoutToken = fixture.owner.agent.put(path(fixture.consultationId, 'recording')).send({ granted: true });
    expect(await refusal(withoutToken)).toBe(
      `403 ${ErrorCode.CsrfTokenInvalid}`,
    );
    expect(await ledger(fixture.consultationId)).toEqual(before);
  });

  describe('when booking', () => {
    it("records the owner's yes given when booking for its consultation; an unticked box: nothing", async () => {
      const people = await createBookablePeople(testApp, { autoAccept: true });
      const slot = await firstSlot(people, { fromMinutes: 120 });
      const created = await book(people, slot.startsAt, { consents: { recording: true, supportReview: false } });
      const bookedAt = new Date();
      const booking = await payAndRead(people, created.booking.id);
      if (!booking.consultationId) throw new Error('auto-accept made no consultation');
      const rows = await ledger(booking.consultationId);
      expect(rows).toEqual([expect.objectContaining(grantOf(people.owner.userId, 'recording'))]);
      // Recorded when the owner said yes (booking), not when the consultant's side accepted.
      expect(rows[0].recorded_at.getTime()).toBeLessThanOrEqual(bookedAt.getTime());
      const owners = await view(people.owner, booking.consultationId);
      expect(owners.mine.recording.granted).toBe(true);
      expect(owners.mine.supportReview.granted).toBe(false);
      expect(await audited(created.booking.id)).toEqual([success('consent.recording.grant')]);

      const later = await firstSlot(people, { fromMinutes: 300 });
      const unticked = await book(people, later.startsAt);
      const plain = await payAndRead(people, unticked.booking.id);
      expect(plain.consultationId).not.toBeNull();
      expect(await ledger(plain.consultationId as string)).toEqual([]);
    });

    it('refuses malformed consents with VALIDATION_FAILED and holds nothing', async () => {
      const people = await createBookablePeople(testApp, { between: fixture });
      const slot = await firstSlot(people, { fromMinutes: 600 });
      for (const consents of [{ recording: 'yes' }, { recording: true, everything: true }, 'all', [true]]) {
        const refused = await refusal(requestBooking(people, slot.startsAt, { consents }));
        expect(refused).toBe(`400 ${ErrorCode.ValidationFailed}`);
      }
      const held = await db.query('SELECT count(*)::int AS n FROM bookings WHERE owner_id = $1', [people.owner.userId]);
      expect(held.rows[0].n).toBe(0);
    });
  });
});
