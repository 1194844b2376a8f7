import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { STRONG_PASSWORD } from '../support/accounts';
import { createBookablePeople, requestBooking, type BookablePeople } from '../support/bookings';
import { asSchemaOwner } from '../support/consultations';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';
import { dayHeading, longDate, mondayOf, plusDays, todayIn, wallClock, weekLabel } from './support/calendar-dates';

const SCREENSHOTS = 'test-results/screenshots';
/** The browser's zone, which an anonymous visitor sees times in. */
const BROWSER_ZONE = 'America/New_York';
/** The owner's account zone (test/support/accounts.ts), which the pages use once they are signed in. */
const OWNER_ZONE = 'Europe/Kyiv';
const VET_ZONE = 'Europe/Warsaw';
const VET = 'Dr. Olena Shevchenko';
const EVERY_DAY = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** "Tuesday 1 December 2026, 10:00–10:30 (Europe/Kyiv)": how the pages write a booking's time. */
function timeRange(startsAt: string, minutes: number, timeZone: string): string {
  const start = wallClock(startsAt, timeZone);
  const end = wallClock(Date.parse(startsAt) + minutes * 60_000, timeZone);
  return `${longDate(start.date)}, ${start.time}–${end.time} (${timeZone})`;
}

/**
 * The owner's booking pages on their own (the whole two-browser path is booking-journey.spec.ts):
 * the directory's filters and empty state, the slot picker's weeks and zones, signing in on the
 * way to the booking form, its validation, a declined test card then a paid one, rescheduling,
 * cancelling with the refund stated, the bookings list, and a time taken while the form was open.
 * Every date is computed from the clock: the vet works 09:00–13:00 in Warsaw every day, except
 * the day after tomorrow, which is closed.
 */
describe('owner booking pages', () => {
  let testApp: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let people: BookablePeople;
  const pageErrors: string[] = [];
  const today = todayIn(BROWSER_ZONE);
  const tomorrow = plusDays(today, 1);
  const closedDay = plusDays(today, 2);

  // Every screen worth a screenshot is also checked for accessibility.
  const shot = async (name: string) => {
    await page.screenshot({ path: `${SCREENSHOTS}/booking-owner-${name}.png`, fullPage: true });
    await expectNoAxeViolations(page, `booking-owner-${name}`);
  };
  const vetPath = () => `/consultants/${people.consultant.userId}`;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    testApp = await startTestApp({ TRUST_PROXY: 'loopback' });
    people = await createBookablePeople(testApp, {
      consultantName: VET,
      profile: { timeZone: VET_ZONE, offerings: [{ durationMinutes: 30, priceAmount: 4500 }, { durationMinutes: 60, priceAmount: 8000 }] },
      availability: {
        weeklyRules: EVERY_DAY.map((weekday) => ({ weekday, start: '09:00', end: '13:00' })),
        // A New York day holds the Warsaw morning of the same date, so this closes that day for the viewer too.
        dateOverrides: [{ date: closedDay, closed: true }],
        minimumNoticeMinutes: 60,
      },
    });
    browser = await launchBrowser({ timezoneId: BROWSER_ZONE, locale: 'en-GB' });
    page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(String(error)));
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('filters the directory, by a free day in the viewer’s zone too, shows an empty state and restores filters on Back', async () => {
    await page.goto(`${testApp.baseUrl}/consultants`);
    await page.getByTestId('consultant-list').getByRole('link', { name: VET }).waitFor();
    await page.getByText(`Times are shown in your time zone, ${BROWSER_ZONE}.`).waitFor();
    expect(await page.getByLabel('Free on').getAttribute('min')).toBe(today);
    await shot('directory');

    await page.getByLabel('Species').selectOption('rabbit');
    await page.getByRole('button', { name: 'Show vets' }).click();
    await page.waitForURL('**/consultants?species=rabbit');
    await page.getByTestId('directory-empty').getByText('No vet matches these filters.').waitFor();
    await shot('directory-empty');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((url) => url.pathname === '/consultants' && url.search === '');
    await page.getByTestId('consultant-list').getByRole('link', { name: VET }).waitFor();
    expect(await page.getByLabel('Species').inputValue()).toBe('');

    // Tomorrow, in the viewer's zone, the vet has free time.
    await page.getByLabel('Language').selectOption('uk');
    await page.getByLabel('Free on').fill(tomorrow);
    await page.getByRole('button', { name: 'Show vets' }).click();
    await page.waitForURL(`**/consultants?language=uk&date=${tomorrow}`);
    await page.getByRole('status').getByText(`One vet with free time on ${longDate(tomorrow)}.`).waitFor();
    await page.getByTestId('consultant-list').getByRole('link', { name: VET }).waitFor();
    await shot('directory-free-day');

    // The closed day: nobody is free.
    await page.getByLabel('Free on').fill(closedDay);
    await page.getByRole('button', { name: 'Show vets' }).click();
    await page.waitForURL(`**/consultants?language=uk&date=${closedDay}`);
    await page.getByTestId('directory-empty').waitFor();
    expect(await page.getByTestId('consultant-list').count()).toBe(0);

    // Back brings the previous filters into the form and the list.
    await page.goBack();
    await page.waitForURL(`**/consultants?language=uk&date=${tomorrow}`);
    await page.getByTestId('consultant-list').getByRole('link', { name: VET }).waitFor();
    expect(await page.getByLabel('Free on').inputValue()).toBe(tomorrow);
    expect(await page.getByLabel('Language').inputValue()).toBe('uk');
    // One more step back: the cleared filters.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/consultants' && url.search === '');
    await page.getByRole('status').getByText('One vet.').waitFor();
    expect(await page.getByLabel('Free on').inputValue()).toBe('');
    expect(await page.getByLabel('Language').inputValue()).toBe('');
  });

  it('pages the weeks in the viewer’s zone, signs in on the way, checks the form, pays after a declined card, reschedules, cancels with a refund and lists it', async () => {
    await page.goto(`${testApp.baseUrl}/consultants`);
    await page.getByRole('link', { name: VET }).click();
    await page.waitForURL(`**${vetPath()}`);
    const picker = page.getByTestId('slot-picker');
    const thisWeek = mondayOf(today);
    await picker.getByRole('heading', { name: `Week of ${weekLabel(thisWeek)}` }).waitFor();
    await picker.getByText(`Times in your time zone, ${BROWSER_ZONE}. ${VET} works in ${VET_ZONE}.`).waitFor();
    expect(await picker.getByRole('button', { name: '← Previous week' }).isDisabled()).toBe(true);
    await shot('profile');

    // Forward a week and back: the heading follows, and the current week cannot be left backwards.
    await picker.getByRole('button', { name: 'Next week →' }).click();
    await picker.getByRole('heading', { name: `Week of ${weekLabel(plusDays(thisWeek, 7))}` }).waitFor();
    await page.waitForURL(`**${vetPath()}?*week=${plusDays(thisWeek, 7)}*`);
    await picker.getByRole('button', { name: '← Previous week' }).click();
    await picker.getByRole('heading', { name: `Week of ${weekLabel(thisWeek)}` }).waitFor();
    expect(await picker.getByRole('button', { name: '← Previous week' }).isDisabled()).toBe(true);

    // The 60-minute length has its own times; back to 30 minutes, next week.
    await picker.getByRole('radio', { name: /60 minutes/ }).check();
    await page.waitForURL(`**${vetPath()}?*minutes=60*`);
    await picker.getByRole('radio', { name: /30 minutes/ }).check();
    await picker.getByRole('button', { name: 'Next week →' }).click();
    const nextWeek = plusDays(thisWeek, 7);
    await picker.getByRole('heading', { name: `Week of ${weekLabel(nextWeek)}` }).waitFor();
    // Its last day, at least six days ahead: far enough for a full refund and a reschedule.
    const lastDay = picker.locator('.slot-day').last();
    await lastDay.getByRole('heading', { name: dayHeading(plusDays(nextWeek, 6)) }).waitFor();
    await shot('profile-next-week');
    const slot = lastDay.locator('.slot-button').first();
    const shownTime = (await slot.textContent())?.trim();
    await slot.click();

    // Not signed in: the sign-in page, then straight back to the booking form for that time.
    await page.waitForURL('**/sign-in?next=*');
    const next = new URL(page.url()).searchParams.get('next') ?? '';
    expect(next).toMatch(new RegExp(`^${vetPath()}/book\\?`));
    await shot('sign-in');
    await page.getByLabel('Email address').fill(people.owner.email);
    await page.getByLabel('Password', { exact: true }).fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**${vetPath()}/book?*`);
    const startsAt = new URL(page.url()).searchParams.get('start') ?? '';
    // The button showed the time in the browser's zone; it is a Warsaw morning.
    expect(wallClock(startsAt, BROWSER_ZONE).time).toBe(shownTime);
    expect(wallClock(startsAt, VET_ZONE).time >= '09:00' && wallClock(startsAt, VET_ZONE).time < '13:00').toBe(true);
    // Signed in, the account's zone counts.
    const summary = page.getByTestId('booking-summary');
    await summary.getByText(timeRange(startsAt, 30, OWNER_ZONE)).waitFor();

    // Nothing typed: the form says why and stays.
    await page.getByRole('button', { name: /^Hold this time and pay/ }).click();
    await page.getByTestId('error-summary').getByText('Tell the vet why you want the consultation.').waitFor();
    await shot('book-form-errors');
    expect(new URL(page.url()).pathname).toBe(`${vetPath()}/book`);
    await page.getByLabel('Reason for the consultation').fill('She keeps scratching her left ear since Monday.');
    await page.getByRole('button', { name: /^Hold this time and pay/ }).click();
    await page.waitForURL('**/bookings/*/pay');
    const bookingId = new URL(page.url()).pathname.split('/')[2];
    await page.getByTestId('test-payment').waitFor();
    await page.getByTestId('refund-policy').getByText(/that is until .*; no refund after that/).waitFor();
    await shot('pay');

    await page.getByRole('button', { name: 'Simulate a declined card' }).click();
    await page.getByTestId('payment-failure').getByText(/nothing was charged/).waitFor();
    await shot('pay-declined');
    await page.getByRole('button', { name: 'Pay successfully (test)' }).click();
    await page.getByTestId('booking-outcome').getByText(`Paid. Request sent to ${VET}.`, { exact: false }).waitFor();
    await shot('paid');

    await page.getByRole('link', { name: 'See your booking' }).click();
    await page.waitForURL(`**/bookings/${bookingId}`);
    await page.getByRole('heading', { name: `${people.pet.name} with ${VET}` }).waitFor();
    await page.getByText(timeRange(startsAt, 30, OWNER_ZONE)).first().waitFor();
    await shot('booking');

    // Reschedule within the same day: the picker opens on the booking's week and leaves out its own time.
    await page.getByRole('button', { name: 'Choose another time' }).click();
    const reschedule = page.getByRole('region', { name: 'Change the time' });
    const sameDay = reschedule.locator('.slot-day').filter({ hasText: dayHeading(wallClock(startsAt, OWNER_ZONE).date) });
    const target = sameDay.locator('.slot-button').last();
    await target.waitFor();
    const targetTime = (await target.textContent())?.trim() ?? '';
    expect(await sameDay.getByText(wallClock(startsAt, OWNER_ZONE).time, { exact: true }).count()).toBe(0);
    await target.click();
    const moveDialog = page.getByRole('dialog', { name: 'Move the booking?' });
    await moveDialog.getByText(`From ${timeRange(startsAt, 30, OWNER_ZONE)}`).waitFor();
    await shot('reschedule-dialog');
    await moveDialog.getByRole('button', { name: 'Move it' }).click();
    await page.getByText(`The booking was moved to ${longDate(wallClock(startsAt, OWNER_ZONE).date)}, ${targetTime} (${OWNER_ZONE}).`).waitFor();

    // Cancelling states the refund first.
    await page.getByRole('button', { name: 'Cancel the booking' }).click();
    const cancelDialog = page.getByRole('dialog', { name: 'Cancel this booking?' });
    await cancelDialog.getByTestId('cancel-refund').getByText(/^You get a full refund of €45\.00\.$/).waitFor();
    await shot('cancel-dialog');
    await cancelDialog.getByRole('button', { name: 'Cancel the booking' }).click();
    await page.getByText('The booking was cancelled.').waitFor();
    await page.getByTestId('refund-record').getByText('Refund under the policy: €45.00.').waitFor();
    expect(await page.getByTestId('booking-status').textContent()).toBe('Cancelled');
    await shot('cancelled');

    await page.getByRole('link', { name: '← All bookings' }).click();
    await page.waitForURL('**/bookings');
    const past = page.getByTestId('past-bookings');
    await past.getByRole('link', { name: `${people.pet.name} with ${VET}` }).waitFor();
    expect(await past.getByTestId('booking-status').allTextContents()).toEqual(['Cancelled']);
    await page.getByText('Nothing booked.').waitFor();
    await shot('bookings');
    expect(pageErrors).toEqual([]);
  });

  it('sends the owner back to the free times, with a message, when the time was taken while the form was open', async () => {
    const weekAfterNext = plusDays(mondayOf(todayIn(OWNER_ZONE)), 14);
    await page.goto(`${testApp.baseUrl}${vetPath()}`);
    const picker = page.getByTestId('slot-picker');
    await picker.getByRole('button', { name: 'Next week →' }).click();
    await picker.getByRole('heading', { name: `Week of ${weekLabel(plusDays(weekAfterNext, -7))}` }).waitFor();
    await picker.getByRole('button', { name: 'Next week →' }).click();
    await picker.getByRole('heading', { name: `Week of ${weekLabel(weekAfterNext)}` }).waitFor();
    const slot = picker.locator('.slot-button').first();
    const slotName = (await slot.getAttribute('aria-label')) ?? '';
    await slot.click();
    await page.waitForURL(`**${vetPath()}/book?*`);
    const startsAt = new URL(page.url()).searchParams.get('start') ?? '';

    // Someone holds the time meanwhile.
    await requestBooking(people, startsAt).expect(201);
    await page.getByLabel('Reason for the consultation').fill('Limping on the right hind leg.');
    await page.getByRole('button', { name: /^Hold this time and pay/ }).click();

    await page.waitForURL((url) => url.pathname === vetPath());
    await page.getByRole('status').getByText(`Someone booked ${timeRange(startsAt, 30, OWNER_ZONE)} a moment ago. Choose another time.`).waitFor();
    await picker.getByRole('heading', { name: `Week of ${weekLabel(weekAfterNext)}` }).waitFor();
    await picker.locator('.slot-button').first().waitFor();
    expect(await picker.getByRole('button', { name: slotName, exact: true }).count()).toBe(0);
    await shot('slot-taken');
    expect(pageErrors).toEqual([]);
  });

  it('shows a long history a page at a time: the latest past bookings first, earlier ones on request', async () => {
    // Two months of past consultations, written straight into the database (the booking path is tested above).
    const PAST = 55;
    await asSchemaOwner(testApp.database.url, async (client) => {
      for (let daysAgo = 1; daysAgo <= PAST; daysAgo += 1) {
        const startsAt = new Date(Date.now() - daysAgo * 24 * 3_600_000);
        const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
        await client.query(
          `INSERT INTO bookings (id, clinic_id, consultant_id, owner_id, pet_id, starts_at, ends_at, blocked_from, blocked_until, status, price_amount, price_currency, reason, cancelled_by, cancelled_at, refund_amount)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $6, $7, 'cancelled', 4500, 'EUR', 'Check-up', 'owner', $6, 0)`,
          [randomUUID(), people.clinicId, people.consultant.userId, people.owner.userId, people.pet.id, startsAt, endsAt],
        );
      }
    });
    await page.goto(`${testApp.baseUrl}/bookings`);
    const past = page.getByTestId('past-bookings');
    // The first page: BOOKING_LIST_DEFAULT_LIMIT of them, the latest first.
    await past.getByRole('listitem').nth(49).waitFor();
    expect(await past.getByRole('listitem').count()).toBe(50);
    const more = page.getByRole('button', { name: 'Show earlier bookings' });
    await more.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/booking-owner-bookings-more.png` });
    await expectNoAxeViolations(page, 'booking-owner-bookings-more');
    await more.click();
    await past.getByRole('listitem').nth(49 + 6).waitFor();
    // Everything: the ones above and the one cancelled earlier in this file.
    expect(await past.getByRole('listitem').count()).toBe(PAST + 1);
    expect(await more.count()).toBe(0);
    const times = await past.locator('time').evaluateAll((elements) => elements.map((element) => Date.parse(element.getAttribute('datetime') ?? '')));
    expect(times.slice(1).every((time, index) => time <= times[index])).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
