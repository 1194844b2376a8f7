import { mkdirSync } from 'node:fs';
import type { BookingView } from '@vetmeet/contracts';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { createBookablePeople, type BookablePeople } from '../support/bookings';
import { startMailTestApp, type MailTestApp } from '../support/mail-test-app';
import type { CapturedMail } from '../support/smtp-capture';
import { signIn, waitForMediaFromTheOtherSide } from './support/call-page';

const SCREENSHOTS = 'test-results/screenshots';
const MEDIA_TIMEOUT_MS = 30_000;


/**
 * The whole path of issue 5 in two real browsers: an owner in Kyiv finds the vet in the
 * directory, picks the first free time, books and pays (the local test payment mode: the app
 * runs without a Stripe key here, as `npm start` does), the vet accepts in the calendar, both
 * get the confirmation by email (a real SMTP server in the test process, sent by the app's own
 * outbox poller) with an .ics file, and both join the consultation's room at the time and see
 * and hear each other. The room opens 45 minutes ahead in this app, so the first free slot
 * (at most 30 minutes away) can be joined at once.
 */
describe('booking journey: find a vet, book, pay, accept, mail, meet', () => {
  let mailApp: MailTestApp;
  let people: BookablePeople;
  let ownerBrowser: TestBrowser;
  let vetBrowser: TestBrowser;
  let owner: Page;
  let vet: Page;
  let bookingId: string;

  const baseUrl = () => mailApp.testApp.baseUrl;
  // Every screen worth a screenshot is also checked for accessibility.
  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: `${SCREENSHOTS}/booking-${name}.png`, fullPage: true });
    await expectNoAxeViolations(page, `booking-${name}`);
  };
  /** The next email to `address` that `wanted` accepts; the sign-up's verification emails are passed over. */
  const mailTo = async (address: string, wanted: (mail: CapturedMail) => boolean) => {
    for (let skipped = 0; skipped < 10; skipped += 1) {
      const mail = await mailApp.smtp.nextMessageTo(address, 15_000);
      if (wanted(mail)) return mail;
    }
    throw new Error(`no wanted email to ${address} among the next 10`);
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    mailApp = await startMailTestApp({ TRUST_PROXY: 'loopback', NOTIFICATION_POLL_SECONDS: '1', CONSULTATION_JOIN_OPENS_MINUTES: '45' });
    people = await createBookablePeople(mailApp.testApp, {
      ownerName: 'Maria Kovalenko',
      consultantName: 'Dr. Olena Shevchenko',
      clinicName: 'Riverside Vets',
      profile: { timeZone: 'Europe/Warsaw' },
    });
    [ownerBrowser, vetBrowser] = await Promise.all([launchBrowser({ timezoneId: 'Europe/Kyiv', locale: 'en-GB' }), launchBrowser({ timezoneId: 'Europe/Warsaw', locale: 'en-GB' })]);
    [owner, vet] = await Promise.all([ownerBrowser.context.newPage(), vetBrowser.context.newPage()]);
  });
  afterAll(async () => {
    await Promise.all([ownerBrowser?.close(), vetBrowser?.close()]);
    await mailApp?.close();
  });

  it('lets the owner find the vet, hold the first free time and pay for it', async () => {
    await signIn(owner, baseUrl(), people.owner.email);
    await owner.locator('header.site-header').getByRole('link', { name: 'Find a vet' }).click();
    await owner.getByTestId('consultant-list').waitFor();
    await shot(owner, 'directory');
    await owner.getByRole('link', { name: 'Dr. Olena Shevchenko' }).click();
    await owner.getByTestId('slot-picker').waitFor();
    await owner.getByText('Times in your time zone, Europe/Kyiv', { exact: false }).waitFor();
    const firstSlot = owner.locator('.slot-button').first();
    await firstSlot.waitFor();
    await shot(owner, 'slot-picker');
    await firstSlot.click();

    await owner.waitForURL('**/book?*');
    await owner.getByTestId('booking-summary').waitFor();
    await owner.getByLabel('Reason for the consultation').fill('She keeps scratching her left ear since Monday.');
    await shot(owner, 'form');
    await owner.getByRole('button', { name: /Hold this time/ }).click();

    await owner.waitForURL('**/pay');
    bookingId = new URL(owner.url()).pathname.split('/')[2];
    await owner.getByTestId('test-payment').getByText('no money moves', { exact: false }).waitFor();
    await shot(owner, 'pay');
    await owner.getByRole('button', { name: 'Pay successfully (test)' }).click();
    await owner.getByTestId('booking-outcome').getByText(/Request sent/).waitFor();
    await shot(owner, 'paid');
  });

  it('shows the vet the request in the calendar, with only what they need of the owner, and lets them accept', async () => {
    await signIn(vet, baseUrl(), people.consultant.email);
    await vet.goto(`${baseUrl()}/clinics/${people.clinicId}`);
    await vet.getByRole('link', { name: 'Your calendar' }).click();
    const request = vet.getByTestId('booking-request').first();
    await request.waitFor();
    await request.getByText('Maria Kovalenko').first().waitFor();
    await request.getByText('She keeps scratching her left ear since Monday.').waitFor();
    expect(await request.innerText()).not.toContain(people.owner.email);
    await shot(vet, 'calendar-request');
    await request.getByRole('button', { name: /^Accept/ }).click();
    await vet.getByRole('status').getByText(/You accepted/).waitFor();
    await vet.getByTestId('booking-upcoming').first().waitFor();
    await shot(vet, 'calendar-accepted');
  });

  it('mails both the confirmation with a calendar file', async () => {
    const withCalendar = (mail: CapturedMail) => mail.parsed.attachments.some((attachment) => attachment.contentType.startsWith('text/calendar'));
    for (const address of [people.owner.email, people.consultant.email]) {
      const mail = await mailTo(address, withCalendar);
      const calendar = mail.parsed.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar'));
      expect(calendar?.content.toString('utf8')).toContain('METHOD:REQUEST');
      expect(mail.parsed.text ?? '').not.toContain('scratching');
    }
  });

  it('brings both into the consultation room at the time, where they see and hear each other', async () => {
    await owner.goto(`${baseUrl()}/bookings/${bookingId}`);
    await owner.getByText('Confirmed', { exact: false }).first().waitFor();
    await shot(owner, 'confirmed');
    await owner.getByRole('link', { name: /Join the consultation/ }).first().click();
    await owner.getByRole('button', { name: 'Check camera, microphone and connection' }).click();
    await owner.getByRole('button', { name: 'Go to the waiting room' }).click();
    await owner.getByRole('heading', { name: 'Waiting for Dr. Olena Shevchenko to let you in' }).waitFor();

    await vet.getByTestId('booking-upcoming').first().getByRole('link', { name: /Join the consultation/ }).click();
    await vet.getByRole('button', { name: 'Check camera, microphone and connection' }).click();
    await vet.getByRole('button', { name: 'Join now' }).click();
    await vet.getByTestId('admit-banner').getByRole('button', { name: 'Admit Maria Kovalenko' }).click();
    await owner.getByTestId('call-view').waitFor();

    const [ownerCall, vetCall] = await Promise.all([waitForMediaFromTheOtherSide(owner, MEDIA_TIMEOUT_MS), waitForMediaFromTheOtherSide(vet, MEDIA_TIMEOUT_MS)]);
    expect(ownerCall.remoteKinds.sort()).toEqual(['camera:video', 'microphone:audio']);
    expect(vetCall.remoteKinds.sort()).toEqual(['camera:video', 'microphone:audio']);
    await Promise.all([shot(owner, 'call-owner'), shot(vet, 'call-vet')]);

    const booking = (await people.owner.agent.get(`/api/bookings/${bookingId}`).expect(200)).body as BookingView;
    expect(booking).toMatchObject({ status: 'confirmed', payment: { status: 'succeeded', amount: 4500 } });
  });
});
