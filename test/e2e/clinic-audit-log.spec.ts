import { ErrorCode, type AuditEventPage, type AuditEventView } from '@vetmeet/contracts';
import { Client } from 'pg';
import { registerAndSignIn, type SignedIn } from '../support/accounts';
import { createClinicWithStaff } from '../support/clinics';
import { startTestApp, type TestApp } from '../support/test-app';

describe("a clinic admin's audit log", () => {
  let testApp: TestApp;
  let owner: Client;
  let adminA: SignedIn;
  let adminB: SignedIn;
  let consultantA: SignedIn;
  let petOwner: SignedIn;
  let clinicA: string;
  let clinicB: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    owner = new Client({ connectionString: testApp.database.url });
    await owner.connect();
    [adminA, adminB, consultantA, petOwner] = await Promise.all([1, 2, 3, 4].map(() => registerAndSignIn(testApp.baseUrl)));
    clinicA = await createClinicWithStaff(testApp.database.url, 'Clinic A', [
      { userId: adminA.session.account.id, role: 'clinic_admin' },
      { userId: consultantA.session.account.id, role: 'consultant' },
    ]);
    clinicB = await createClinicWithStaff(testApp.database.url, 'Clinic B', [{ userId: adminB.session.account.id, role: 'clinic_admin' }]);
  });
  afterAll(async () => {
    await owner?.end();
    await testApp?.close();
  });

  it("pages through the clinic's own events, newest first, and audits the reading", async () => {
    await adminB.agent.get(`/api/clinics/${clinicB}/audit-events`).set('X-Clinic-Id', clinicB).expect(200);
    for (let read = 0; read < 3; read += 1) await adminA.agent.get(`/api/clinics/${clinicA}/audit-events`).set('X-Clinic-Id', clinicA).expect(200);
    const first = (await adminA.agent.get(`/api/clinics/${clinicA}/audit-events?limit=2`).set('X-Clinic-Id', clinicA).expect(200)).body as AuditEventPage;
    expect(first.events).toHaveLength(2);
    expect(first.events.every((event) => event.action === 'audit.read' && event.actorUserId === adminA.session.account.id)).toBe(true);
    expect(Number(first.events[0].seq)).toBeGreaterThan(Number(first.events[1].seq));
    const next = (await adminA.agent.get(`/api/clinics/${clinicA}/audit-events?limit=2&before=${first.nextBefore}`).set('X-Clinic-Id', clinicA).expect(200)).body as AuditEventPage;
    expect(Number(next.events[0].seq)).toBeLessThan(Number(first.events[1].seq));
    const all = [...first.events, ...next.events];
    expect(all.some((event) => event.actorUserId === adminB.session.account.id)).toBe(false);
  });

  it('exports every event of the clinic as JSON lines, and records the export', async () => {
    const response = await adminA.agent.get(`/api/clinics/${clinicA}/audit-events/export`).set('X-Clinic-Id', clinicA).buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => done(null, text));
    }).expect(200);
    expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = (response.body as string).trim().split('\n').map((line) => JSON.parse(line) as AuditEventView);
    const [{ count }] = (await owner.query("SELECT count(*)::int AS count FROM audit_events WHERE clinic_id = $1 AND action <> 'audit.export'", [clinicA])).rows;
    expect(lines.filter((event) => event.action !== 'audit.export')).toHaveLength(count);
    expect(lines.map((event) => Number(event.seq))).toEqual([...lines.map((event) => Number(event.seq))].sort((a, b) => a - b));
    const exports = (await owner.query("SELECT actor_user_id FROM audit_events WHERE clinic_id = $1 AND action = 'audit.export'", [clinicA])).rows;
    expect(exports).toEqual([{ actor_user_id: adminA.session.account.id }]);
  });

  it('refuses everyone else, revealing nothing about other clinics, and audits each refusal', async () => {
    const refusals = [
      // An admin of A asking for B while acting in A.
      { who: adminA, path: `/api/clinics/${clinicB}/audit-events`, clinic: clinicA, status: 404, code: ErrorCode.NotFound },
      { who: adminA, path: `/api/clinics/${clinicB}/audit-events/export`, clinic: clinicA, status: 404, code: ErrorCode.NotFound },
      // An admin of A claiming to act in B.
      { who: adminA, path: `/api/clinics/${clinicB}/audit-events`, clinic: clinicB, status: 404, code: ErrorCode.NotFound },
      // A consultant of A: in the clinic, without the permission.
      { who: consultantA, path: `/api/clinics/${clinicA}/audit-events`, clinic: clinicA, status: 403, code: ErrorCode.Forbidden },
      { who: consultantA, path: `/api/clinics/${clinicA}/audit-events/export`, clinic: clinicA, status: 403, code: ErrorCode.Forbidden },
      // A pet owner, acting in no clinic.
      { who: petOwner, path: `/api/clinics/${clinicA}/audit-events`, clinic: undefined, status: 404, code: ErrorCode.NotFound },
    ];
    for (const refusal of refusals) {
      const call = refusal.who.agent.get(refusal.path);
      if (refusal.clinic) call.set('X-Clinic-Id', refusal.clinic);
      const response = await call;
      expect({ path: refusal.path, status: response.status, code: response.body.code }).toEqual({ path: refusal.path, status: refusal.status, code: refusal.code });
    }
    const denied = (await owner.query("SELECT action, request_id FROM audit_events WHERE outcome = 'denied' AND actor_user_id = ANY($1)", [[adminA.session.account.id, consultantA.session.account.id, petOwner.session.account.id]])).rows;
    expect(denied).toHaveLength(refusals.length);
    expect(denied.filter((event) => event.action === 'access.clinic')).toHaveLength(1); // the claim to act in B, refused by the session guard
    expect(denied.every((event) => typeof event.request_id === 'string')).toBe(true);
  });
});
