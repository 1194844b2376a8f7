import { type BookingView } from '@vetmeet/contracts';
import { book, createBookablePeople, firstSlot, type BookablePeople } from '../support/bookings';
import { startTestApp, type TestApp } from '../support/test-app';

/** Without a Stripe key (never in production) the whole flow can be walked with a labelled test payment. */
describe('booking in the local test payment mode', () => {
  let testApp: TestApp;
  let people: BookablePeople;

  beforeAll(async () => {
    testApp = await startTestApp({ TRUST_PROXY: 'loopback' });
    people = await createBookablePeople(testApp);
  });
  afterAll(async () => {
    await testApp?.close();
  });

  const testPayment = (id: string, outcome: string) => people.owner.agent.post(`/api/bookings/${id}/test-payment`).set(people.owner.csrf).send({ outcome });

  it('offers a test payment instead of Stripe, and a declined test card leaves the hold for another try', async () => {
    const created = await book(people, (await firstSlot(people, { fromMinutes: 2 * 24 * 60 })).startsAt);
    expect(created.payment).toMatchObject({ mode: 'local_test', publishableKey: null, amount: 4500, currency: 'EUR' });

    const declined = (await testPayment(created.booking.id, 'declined').expect(200)).body as BookingView;
    expect(declined.status).toBe('held');
    const paid = (await testPayment(created.booking.id, 'succeeded').expect(200)).body as BookingView;
    expect(paid).toMatchObject({ status: 'pending_acceptance', payment: { status: 'succeeded', amount: 4500 } });

    await testPayment(created.booking.id, 'succeeded').expect(409);
    await testPayment(created.booking.id, 'free money').expect(400);
    await people.consultant.agent.post(`/api/bookings/${created.booking.id}/test-payment`).set(people.consultant.csrf).send({ outcome: 'succeeded' }).expect(403);
  });
});
