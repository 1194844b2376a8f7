import { ErrorCode, type BookingView } from '@vetmeet/contracts';
import { book, createBookablePeople, firstSlot, type BookablePeople } from '../support/bookings';
import { addClinicAdmin } from '../support/clinic-admins';
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

  it('needs no Stripe account: every clinic takes (test) charges, and there is nothing to connect', async () => {
    const admin = await addClinicAdmin(testApp, people.clinicId);
    const inClinic = admin.inClinic;
    const account = await admin.agent.get(`/api/clinics/${people.clinicId}/payment-account`).set(inClinic).expect(200);
    expect(account.body).toMatchObject({ mode: 'local_test', connected: false, takesPaidBookings: true });
    const onboarding = `/api/clinics/${people.clinicId}/payment-account/onboarding-link`;
    const link = await admin.agent.post(onboarding).set(inClinic).expect(409);
    expect(link.body.code).toBe(ErrorCode.PaymentMode);
    const consultant = await people.owner.agent.get(`/api/consultants/${people.consultant.userId}`).expect(200);
    expect(consultant.body.takesPaidBookings).toBe(true);
  });
});
