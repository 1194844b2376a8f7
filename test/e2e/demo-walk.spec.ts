import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type {
  BookingCreatedView,
  BookingView,
  ConsultantDirectoryPage,
  ConsultantSlotsView,
  DemoSignInsView,
  OperatorClinicPage,
  PetView,
  SessionView,
} from '@vetmeet/contracts';
import request from 'supertest';
import { BUILT_SERVER, startBuiltServer, type RunningServer } from '../support/built-server';
import { freePort } from '../support/free-port';
import { validProductionSettings } from '../../apps/api/src/config/testing/production-settings';

jest.setTimeout(180_000);

async function waitForHealth(baseUrl: string, running: RunningServer, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null) throw new Error(`server exited early:\n${running.output()}`);
    const response = await fetch(`${baseUrl}/health`).catch(() => undefined);
    if (response?.ok) return;
    await new Promise((wait) => setTimeout(wait, 250));
  }
  throw new Error(`no green /health within ${timeoutMs} ms:\n${running.output()}`);
}

async function stop(running: RunningServer): Promise<void> {
  if (running.child.exitCode !== null) return;
  running.child.kill('SIGTERM');
  await running.exited;
}

/** Signs a demo account in with a cookie-keeping agent, as the sign-in page's one-click fill does. */
async function signIn(baseUrl: string, account: { email: string; password: string }) {
  const agent = request.agent(baseUrl);
  const { email, password } = account;
  const session = (await agent.post('/api/auth/sign-in').send({ email, password }).expect(200)).body as SessionView;
  return { agent, session, csrf: { 'X-CSRF-Token': session.csrfToken } };
}

describe('the demo on npm start (built server, embedded database)', () => {
  let dataRoot: string;
  let environment: Record<string, string>;
  let server: RunningServer | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    if (!existsSync(BUILT_SERVER)) throw new Error(`${BUILT_SERVER} is missing: the test bootstrap builds it`);
    dataRoot = mkdtempSync('/tmp/vetmeet-demo-');
    chmodSync(dataRoot, 0o711);
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    // Development, as npm start runs it: the demo is on by default there.
    environment = {
      DATA_DIR: join(dataRoot, 'data'),
      PORT: String(port),
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      MEDIA_RTC_PORT: String(await freePort()),
      MEDIA_WORKERS: '1',
      DEV_SMTP_PORT: String(await freePort()),
    };
  });
  afterEach(async () => {
    if (server) await stop(server);
    server = undefined;
  });
  afterAll(() => rmSync(dataRoot, { recursive: true, force: true }));
  const storedPasswords = () =>
    JSON.parse(readFileSync(join(environment.DATA_DIR, 'demo-sign-ins.json'), 'utf8')) as Record<string, string>;

  it('seeds an empty database and the owner books, pays and is accepted into a room that is open at once', async () => {
    server = startBuiltServer(environment);
    await waitForHealth(baseUrl, server);
    const { accounts } = (await request(baseUrl).get('/api/dev/demo-sign-ins').expect(200)).body as DemoSignInsView;
    const roles = accounts.map((account) => account.role);
    expect(roles).toEqual(['owner', 'consultant', 'consultant', 'clinic_admin', 'operator']);
    // Printed at start for a person reading the log, and never a constant: kept in the data folder.
    for (const account of accounts) expect(server.output()).toContain(`${account.email} / ${account.password}`);
    const stored = storedPasswords();
    expect(Object.values(stored).sort()).toEqual(accounts.map((account) => account.password).sort());

    // Seeding mails nobody: with SMTP_URL set, mail to the made-up demo addresses would go out.
    const mailbox = await request(baseUrl).get('/dev/mailbox.json').expect(200);
    expect((mailbox.body as { messages: { to: string; subject: string }[] }).messages).toEqual([]);

    const owner = await signIn(baseUrl, accounts[0]);
    expect(owner.session.account).toMatchObject({ emailVerified: true, displayName: expect.stringContaining('Demo') });
    const consultant = await signIn(baseUrl, accounts[1]);
    const inDemoClinic = (role: string) => [{ clinicId: expect.any(String), clinicName: 'Demo clinic', role }];
    expect(consultant.session.memberships).toEqual(inDemoClinic('consultant'));
    const admin = await signIn(baseUrl, accounts[3]);
    expect(admin.session.memberships).toEqual(inDemoClinic('clinic_admin'));
    // The demo operator is a platform operator, and the demo clinic came through their approval.
    const operator = await signIn(baseUrl, accounts[4]);
    const approved = await operator.agent.get('/api/operator/clinics').query({ status: 'approved' }).expect(200);
    expect((approved.body as OperatorClinicPage).items).toEqual([
      expect.objectContaining({ id: admin.session.memberships[0].clinicId, name: 'Demo clinic', status: 'approved' }),
    ]);

    const directory = (await owner.agent.get('/api/consultants').expect(200)).body as ConsultantDirectoryPage;
    expect(directory.items.map((item) => item.displayName).sort()).toEqual(['Dr. Ana Demo', 'Dr. Ben Demo']);
    const vet = directory.items.find((item) => item.id === consultant.session.account.id);
    if (!vet) throw new Error('the demo consultant is not in the directory');
    expect(vet.photoUrl).toEqual(expect.any(String));
    // The clinic's profile, kept as an admin keeps it: the directory shows its city.
    expect(vet.clinic).toMatchObject({ name: 'Demo clinic', city: 'Amsterdam', country: 'NL', streetLines: null });
    const photo = await owner.agent.get(vet.photoUrl as string).expect(200);
    expect(photo.headers['content-type']).toBe('image/png');

    const [pet] = (await owner.agent.get('/api/pets').expect(200)).body as PetView[];
    expect(pet.name).toContain('demo');
    const now = Date.now();
    const shortest = Math.min(...vet.offerings.map((offering) => offering.durationMinutes));
    const { slots } = (
      await owner.agent
        .get(`/api/consultants/${vet.id}/slots`)
        .query({
          from: new Date(now).toISOString(),
          to: new Date(now + 3_600_000).toISOString(),
          durationMinutes: shortest,
          timeZone: 'UTC',
        })
        .expect(200)
    ).body as ConsultantSlotsView;
    // The first free slot begins within the quarter hour (it may be this very minute: take the next one then).
    expect(new Date(slots[0].startsAt).getTime() - now).toBeLessThan(15 * 60_000);
    const slot = slots.find((candidate) => new Date(candidate.startsAt).getTime() > Date.now() + 60_000);
    if (!slot) throw new Error('no slot starts in the coming hour');

    const created = (
      await owner.agent
        .post('/api/bookings')
        .set(owner.csrf)
        .send({
          consultantId: vet.id,
          petId: pet.id,
          startsAt: slot.startsAt,
          durationMinutes: shortest,
          reason: 'Demo walk: scratching her ears',
        })
        .expect(201)
    ).body as BookingCreatedView;
    expect(created.payment).not.toBeNull();
    const bookingPath = `/api/bookings/${created.booking.id}`;
    const payment = owner.agent.post(`${bookingPath}/test-payment`).set(owner.csrf).send({ outcome: 'succeeded' });
    const paid = (await payment.expect(200)).body as BookingView;
    expect(paid.status).toBe('pending_acceptance');

    const clinicId = consultant.session.memberships[0].clinicId;
    const inClinic = { ...consultant.csrf, 'X-Clinic-Id': clinicId };
    const acceptance = consultant.agent.post(`${bookingPath}/accept`).set(inClinic);
    const accepted = (await acceptance.expect(200)).body as BookingView;
    expect(accepted.status).toBe('confirmed');
    expect(accepted.consultationId).toEqual(expect.any(String));
    // Both may walk into the room now: it opens CONSULTATION_JOIN_OPENS_MINUTES (15) before the start. Or within
    // the minute, when the walk began in the last minute before a quarter hour and so took the slot after.
    expect(new Date(accepted.joinOpensAt as string).getTime() - Date.now()).toBeLessThanOrEqual(60_000);
    const asOwner = (await owner.agent.get(`/api/bookings/${created.booking.id}`).expect(200)).body as BookingView;
    expect(asOwner).toMatchObject({ status: 'confirmed', consultationId: accepted.consultationId });
    await owner.agent.get(`/api/consultations/${accepted.consultationId}`).expect(200);
  });

  it('does not seed again on the next start, and still shows the same sign-ins', async () => {
    const before = storedPasswords();
    server = startBuiltServer(environment);
    await waitForHealth(baseUrl, server);
    expect(server.output()).toContain('demo: Demo clinic is here from an earlier start');
    expect(server.output()).not.toContain('demo: seeded');
    const { accounts } = (await request(baseUrl).get('/api/dev/demo-sign-ins').expect(200)).body as DemoSignInsView;
    expect(accounts.map((account) => account.password).sort()).toEqual(Object.values(before).sort());
    const owner = await signIn(baseUrl, accounts[0]);
    const directory = (await owner.agent.get('/api/consultants').expect(200)).body as ConsultantDirectoryPage;
    expect(directory.items).toHaveLength(2);
    expect((await owner.agent.get('/api/pets').expect(200)).body).toHaveLength(1);
  });

  it('with DEMO_DATA=off seeds nothing and its sign-in route lists no account', async () => {
    server = startBuiltServer({ ...environment, DATA_DIR: join(dataRoot, 'off'), DEMO_DATA: 'off' });
    await waitForHealth(baseUrl, server);
    expect((await request(baseUrl).get('/api/dev/demo-sign-ins').expect(200)).body).toEqual({ accounts: [] });
    const directory = (await request(baseUrl).get('/api/consultants').expect(200)).body as ConsultantDirectoryPage;
    expect(directory.items).toEqual([]);
    expect(existsSync(join(dataRoot, 'off', 'demo-sign-ins.json'))).toBe(false);
  });

  it('refuses to start in production with DEMO_DATA=on, saying why', async () => {
    const database = { DATABASE_URL: 'postgres://nobody:nothing@127.0.0.1:1/none' };
    server = startBuiltServer({ ...validProductionSettings, ...database, DEMO_DATA: 'on' });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('DEMO_DATA: must be off in production');
  });
});
