import { mkdirSync } from 'node:fs';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from '../support/accessibility';
import { createBookablePeople, firstSlot, type BookablePeople } from '../support/bookings';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { createConsultationFor, type ConsultationFixture } from '../support/consultations';
import { startTestApp, type TestApp } from '../support/test-app';
import { signIn } from './support/call-page';

const SCREENSHOTS = 'test-results/screenshots';
const RECORDING = /^Record this consultation/;
const SUPPORT_REVIEW = /^Let support staff of the clinic review the recording/;

/**
 * Consent in the browser: the owner answers on the pre-call check (the answer stands after a
 * reload, a withdrawal is a new entry), the vet is asked about recording only, and the booking
 * form asks with nothing ticked.
 */
describe('consent to recording in the browser', () => {
  let testApp: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let db: Client;
  let fixture: ConsultationFixture;
  const pageErrors: string[] = [];

  const shot = async (name: string) => {
    await page.screenshot({ path: `${SCREENSHOTS}/consent-${name}.png`, fullPage: true });
    await expectNoAxeViolations(page, `consent-${name}`);
  };
  const signInAs = async (email: string) => {
    await page.context().clearCookies();
    await signIn(page, testApp.baseUrl, email);
  };
  const choices = () => page.getByTestId('consent-choices');
  const openPreCall = async () => {
    await page.goto(`${testApp.baseUrl}/consultations/${fixture.consultationId}/room`);
    await page.getByTestId('precall').waitFor();
    await choices().getByRole('checkbox', { name: RECORDING }).waitFor();
  };
  const ledger = async () =>
    (
      await db.query<{ user_id: string; purpose: string; granted: boolean }>(
        'SELECT user_id, purpose, granted FROM consultation_consents WHERE consultation_id = $1 ORDER BY recorded_at',
        [fixture.consultationId],
      )
    ).rows;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    testApp = await startTestApp({ TRUST_PROXY: 'loopback' });
    db = new Client({ connectionString: testApp.database.url });
    await db.connect();
    const names = { petName: 'Barsik', ownerName: 'Maria Kovalenko', consultantName: 'Dr. Olena Shevchenko' };
    fixture = await createConsultationFor(testApp, names);
    browser = await launchBrowser({ timezoneId: 'Europe/Kyiv', locale: 'en-GB' });
    page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(String(error)));
  });
  afterAll(async () => {
    await browser?.close();
    await db?.end();
    await testApp?.close();
  });

  it('lets the owner consent before the call, keeps the answer over a reload, and records a withdrawal', async () => {
    await signInAs(fixture.owner.email);
    await openPreCall();
    const recording = choices().getByRole('checkbox', { name: RECORDING });
    const supportReview = choices().getByRole('checkbox', { name: SUPPORT_REVIEW });
    expect(await recording.isChecked()).toBe(false);
    expect(await supportReview.isChecked()).toBe(false);
    await choices().getByText('Saying no is fine', { exact: false }).waitFor();
    await choices().getByRole('link', { name: /privacy policy/ }).waitFor();
    await choices().getByText('The vet has not agreed to recording.', { exact: false }).waitFor();
    await shot('precall-owner');

    // By keyboard: the checkbox takes focus and Space ticks it.
    await recording.focus();
    await page.keyboard.press('Space');
    await page.getByTestId('consent-status').getByText('Saved: you agreed to recording.', { exact: false }).waitFor();
    expect(await ledger()).toEqual([{ user_id: fixture.owner.userId, purpose: 'recording', granted: true }]);
    await shot('precall-owner-saved');

    await page.reload();
    await openPreCall();
    expect(await recording.isChecked()).toBe(true);
    expect(await supportReview.isChecked()).toBe(false);

    await recording.uncheck();
    await page.getByTestId('consent-status').getByText('The call goes ahead unrecorded.', { exact: false }).waitFor();
    expect((await ledger()).map((row) => row.granted)).toEqual([true, false]);
    await page.reload();
    await openPreCall();
    expect(await recording.isChecked()).toBe(false);

    await supportReview.check();
    const status = page.getByTestId('consent-status');
    const saved = status.getByText('support staff of the clinic may review', { exact: false });
    await saved.waitFor();
    expect(await ledger()).toContainEqual({ user_id: fixture.owner.userId, purpose: 'support_review', granted: true });
  });

  it('asks the vet about recording only, and tells them whether the owner agreed', async () => {
    await signInAs(fixture.consultant.email);
    await openPreCall();
    expect(await choices().getByRole('checkbox').count()).toBe(1);
    await choices().getByText('The pet’s owner has not agreed to recording.', { exact: false }).waitFor();
    await choices().getByRole('checkbox', { name: RECORDING }).check();
    await page.getByTestId('consent-status').getByText('Saved: you agreed to recording.', { exact: false }).waitFor();
    await shot('precall-vet');
    expect(await ledger()).toContainEqual({ user_id: fixture.consultant.userId, purpose: 'recording', granted: true });
  });

  it('asks on the booking form with nothing ticked, and sends only what the owner ticked', async () => {
    const people: BookablePeople = await createBookablePeople(testApp, { between: fixture });
    const slot = await firstSlot(people, { fromMinutes: 180 });
    await signInAs(people.owner.email);
    const query = `start=${encodeURIComponent(slot.startsAt)}&minutes=30`;
    await page.goto(`${testApp.baseUrl}/consultants/${people.consultant.userId}/book?${query}`);
    await page.getByTestId('booking-summary').waitFor();
    const consents = page.getByTestId('booking-consents');
    const recording = consents.getByRole('checkbox', { name: RECORDING });
    expect(await recording.isChecked()).toBe(false);
    expect(await consents.getByRole('checkbox', { name: SUPPORT_REVIEW }).isChecked()).toBe(false);
    await page.getByLabel('Reason for the consultation').fill('She keeps scratching her left ear.');
    await recording.check();
    await shot('booking-form');
    await page.getByRole('button', { name: /Hold this time/ }).click();
    await page.waitForURL('**/pay');
    const bookingId = new URL(page.url()).pathname.split('/')[2];
    const kept = await db.query('SELECT purpose FROM booking_consents WHERE booking_id = $1', [bookingId]);
    expect(kept.rows).toEqual([{ purpose: 'recording' }]);
    expect(pageErrors).toEqual([]);
  });
});
