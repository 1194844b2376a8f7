import { ErrorCode, type ConsultantOwnProfileView, type ConsultantProfilePayload, type ErrorBody } from '@vetmeet/contracts';
import { registerAndSignIn, type SignedIn } from '../support/accounts';
import { createClinicWithStaff } from '../support/clinics';
import { startTestApp, type TestApp } from '../support/test-app';

const profile = (priceCurrency: string, ...prices: number[]): ConsultantProfilePayload => ({
  displayName: 'Dr. Mika Tanaka',
  specialties: ['dermatology'],
  species: ['cat'],
  languages: ['en'],
  bio: '',
  timeZone: 'Asia/Tokyo',
  priceCurrency,
  offerings: prices.map((priceAmount, index) => ({ durationMinutes: 15 * (index + 1), priceAmount })),
  autoAccept: false,
  published: false,
});

/** A price is what Stripe can charge: a currency it takes cards in, and an amount within its limits for that currency. */
describe("a consultant's prices", () => {
  let testApp: TestApp;
  let tanaka: SignedIn;
  let clinicId: string;

  const put = (body: ConsultantProfilePayload) =>
    tanaka.agent
      .put(`/api/clinics/${clinicId}/consultant-profile`)
      .set({ 'X-CSRF-Token': tanaka.session.csrfToken, 'X-Clinic-Id': clinicId })
      .send(body);
  const refusal = async (body: ConsultantProfilePayload) => {
    const answer = (await put(body).expect(400)).body as ErrorBody;
    expect(answer.code).toBe(ErrorCode.ValidationFailed);
    return (answer.details ?? []).join('\n');
  };

  beforeAll(async () => {
    testApp = await startTestApp();
    tanaka = await registerAndSignIn(testApp.baseUrl, { displayName: 'Mika Tanaka' });
    clinicId = await createClinicWithStaff(testApp.database.url, 'Tokyo Pets Online', [{ userId: tanaka.session.account.id, role: 'consultant' }]);
  });
  afterAll(async () => {
    await testApp?.close();
  });

  it('refuses a currency Stripe does not charge cards in, and one not spelt in upper case as stored', async () => {
    for (const code of ['XXX', 'XTS', 'ABC', 'eur', 'Jpy']) expect(await refusal(profile(code, 4500))).toContain('priceCurrency must be the upper-case ISO 4217 code of a currency Stripe charges cards in');
  });

  it('refuses prices under Stripe’s minimum for the currency or over its maximum, counted in Stripe’s minor units', async () => {
    expect(await refusal(profile('EUR', 49))).toContain('offerings.0.priceAmount: must be at least 0.50 EUR, the least Stripe charges');
    expect(await refusal(profile('JPY', 0, 49))).toContain('offerings.1.priceAmount: must be at least 50 JPY');
    expect(await refusal(profile('ISK', 550))).toContain('offerings.0.priceAmount: must be a whole number of ISK');
    expect(await refusal(profile('EUR', 100_000_000))).toContain('offerings.0.priceAmount');
  });

  it('keeps a price Stripe can charge exactly as sent: yen and won whole, free as 0', async () => {
    const yen = (await put(profile('JPY', 50, 3000, 0)).expect(200)).body as ConsultantOwnProfileView;
    expect(yen).toMatchObject({ priceCurrency: 'JPY', offerings: [{ priceAmount: 50 }, { priceAmount: 3000 }, { priceAmount: 0 }] });
    const won = (await put(profile('KRW', 45000)).expect(200)).body as ConsultantOwnProfileView;
    expect(won).toMatchObject({ priceCurrency: 'KRW', offerings: [{ priceAmount: 45000 }] });
    await put(profile('EUR', 50, 99_999_999)).expect(200);
  });
});
