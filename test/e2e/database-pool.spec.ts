import { randomUUID } from 'node:crypto';
import { ErrorCode } from '@vetmeet/contracts';
import { Client } from 'pg';
import { registerAndSignIn, type SignedIn } from '../support/accounts';
import { startTestApp, type TestApp } from '../support/test-app';

/** Requests at once, against a pool of POOL_SIZE connections. */
const POOL_SIZE = 2;
const AT_ONCE = 8;

// A refusal is audited in a transaction of its own so it survives the request's rollback. Opened
// while the request still held its connection, it needed a second one: with every connection held
// by a request waiting for another, each waited out the connect timeout and answered 500.
describe('the database pool under refusals', () => {
  let testApp: TestApp;
  let owner: SignedIn;
  let schemaOwner: Client;

  beforeAll(async () => {
    testApp = await startTestApp({ DATABASE_POOL_SIZE: String(POOL_SIZE) });
    owner = await registerAndSignIn(testApp.baseUrl);
    schemaOwner = new Client({ connectionString: testApp.database.url });
    await schemaOwner.connect();
  });
  afterAll(async () => {
    await schemaOwner?.end();
    await testApp?.close();
  });

  it(`answers ${AT_ONCE} refused requests at once on a pool of ${POOL_SIZE}, each with its code and each refusal audited`, async () => {
    const bookingIds = Array.from({ length: AT_ONCE }, () => randomUUID());
    const answers = await Promise.all(bookingIds.map((id) => owner.agent.get(`/api/bookings/${id}`).then((response) => `${response.status} ${response.body.code}`)));
    expect(answers).toEqual(bookingIds.map(() => `404 ${ErrorCode.NotFound}`));
    const audited = await schemaOwner.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'booking.read' AND outcome = 'denied' AND actor_user_id = $1 AND entity_id = ANY($2)`,
      [owner.session.account.id, bookingIds],
    );
    expect(audited.rows[0].n).toBe(AT_ONCE);
  });
});
