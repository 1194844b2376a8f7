import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { book, createBookablePeople, slotsOf, type BookablePeople } from '../support/bookings';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { newPeople, type PeopleFixture } from '../support/consultations';
import { startTestApp, type TestApp } from '../support/test-app';
import { signIn } from './support/call-page';
import { localDateTimeFromNow, mondayOf, plusDays, todayIn, wallClock } from './support/calendar-dates';

const SCREENSHOTS = 'test-results/screenshots';
/** The consultant's account zone (test/support/consultations.ts), which a first profile starts with. */
const VET_ZONE = 'Europe/Warsaw';
const PHONE = { width: 390, height: 844 };

/** "Maria Kovalenko is refunded in full (€45.00).": what the consultant is told when the owner gets their money back. */
const refundedInFull = (people: PeopleFixture) => `${people.owner.displayName} is refunded in full (€45.00).`;

/** The number of slots the preview counts ("12 free in the next 14 days…"), once it has loaded. */
async function previewCount(page: Page): Promise<number> {
  const line = page.getByTestId('slot-preview').getByText(/free in the next 14 days/);
  await line.waitFor();
  return Number(/^(\d+) free/.exec((await line.textContent()) ?? '')?.[1]);
}

/** Whether the page is wider than the window, so a phone would scroll sideways. */
const overflowsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

/**
 * The consultant's own pages: a first profile (publishing refused until there are hours, saved
 * unpublished, hours set, then published), the hours editor's checks, a closed date and time
 * off as the slot preview shows them, and the calendar's accept, decline, move and cancel, also
 * at a phone's width. Every date comes from the clock.
 */
describe('consultant profile, hours and calendar pages', () => {
  let testApp: TestApp;
  let browser: TestBrowser | undefined;
  const pageErrors: string[] = [];

  const open = async (options: { viewport?: { width: number; height: number } } = {}): Promise<Page> => {
    await browser?.close();
    browser = await launchBrowser({ timezoneId: 'America/New_York', locale: 'en-GB', ...options });
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    return page;
  };
  // Every screen worth a screenshot is also checked for accessibility.
  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: `${SCREENSHOTS}/consultant-${name}.png`, fullPage: true });
    await expectNoAxeViolations(page, `consultant-${name}`);
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    testApp = await startTestApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  it('creates a first profile: publishing waits for hours, then hours with their checks, a closed date and time off in the preview', async () => {
    const people = await newPeople(testApp);
    const page = await open();
    const base = `${testApp.baseUrl}/clinics/${people.clinicId}`;
    await signIn(page, testApp.baseUrl, people.consultant.email);

    await page.goto(`${base}/availability`);
    await page.getByText('Create your consultant profile first').waitFor();
    await page.getByRole('link', { name: 'Create your profile' }).click();
    await page.waitForURL(`**/clinics/${people.clinicId}/profile`);
    const profile = page.getByTestId('consultant-profile');
    await profile.getByText(`You have no profile in ${people.clinicName} yet.`).waitFor();
    expect(await page.getByLabel('Your time zone').inputValue()).toBe(VET_ZONE);
    await shot(page, 'first-profile');

    // Publishing at once is refused, with the reason; nothing is saved.
    await page.getByLabel('Price, EUR').fill('45');
    await page.getByLabel(/^Published/).check();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByTestId('error-summary').getByText('Not yet: save your profile unpublished, set your hours, then publish it.').waitFor();
    await shot(page, 'first-profile-publish-refused');
    await page.getByLabel(/^Published/).uncheck();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Your profile was saved. It is not published: owners cannot find it yet.').waitFor();
    await profile.getByText('Not published', { exact: true }).waitFor();

    // The hours: the preview waits for publishing; an overlap is pointed out while typing and refused on saving.
    await page.getByRole('link', { name: 'Your hours and time off' }).click();
    await page.waitForURL(`**/clinics/${people.clinicId}/availability`);
    await page.getByTestId('slot-preview').getByText('Owners see your free slots once your profile is published.').waitFor();
    await page.getByRole('button', { name: '+ Add hours on Monday' }).click();
    const firstHours = page.getByRole('group', { name: 'Monday, hours 1' });
    expect(await firstHours.getByLabel('From').inputValue()).toBe('09:00');
    expect(await firstHours.getByLabel('Until').inputValue()).toBe('17:00');
    await page.getByRole('button', { name: '+ Add hours on Monday' }).click();
    const secondHours = page.getByRole('group', { name: 'Monday, hours 2' });
    await secondHours.getByLabel('From').fill('16:00');
    await secondHours.getByLabel('Until').fill('19:00');
    await secondHours.getByText('Monday: overlaps 09:00–17:00.').waitFor();
    await page.getByRole('button', { name: 'Save hours' }).click();
    await page.getByTestId('error-summary').getByText('Monday: overlaps 09:00–17:00.').waitFor();
    await shot(page, 'hours-overlap');
    await secondHours.getByLabel('From').fill('17:00');
    await page.getByRole('button', { name: 'Save hours' }).click();
    await page.getByText('Your hours were saved.', { exact: false }).waitFor();

    await page.getByRole('link', { name: 'Your profile', exact: true }).click();
    await page.getByLabel(/^Published/).check();
    await page.getByRole('button', { name: 'Save profile' }).click();
    await page.getByText('Your profile was saved. It is published: owners can find and book you.').waitFor();
    await page.getByTestId('consultant-profile').getByText('Published', { exact: true }).waitFor();
    await shot(page, 'profile-published');

    // Published: the preview counts the slots of the next 14 days, in the consultant's zone.
    await page.getByRole('link', { name: 'Your hours and time off' }).click();
    await page.getByTestId('slot-preview').getByText(`in your zone (${VET_ZONE.replace('_', ' ')})`, { exact: false }).waitFor();
    const withAllMondays = await previewCount(page);
    expect(withAllMondays).toBeGreaterThan(0);

    // Closing a Monday wholly inside those 14 days takes its slots away.
    const today = todayIn(VET_ZONE);
    const closedMonday = mondayOf(plusDays(today, 13));
    await page.getByRole('button', { name: '+ Add a date' }).click();
    await page.getByRole('group', { name: 'Other hours, date 1' }).getByLabel('Date').fill(closedMonday);
    const closedRow = page.getByRole('group', { name: /^Other hours, \d+ \w+ \d{4}$/ });
    expect(await closedRow.getByLabel('Closed all day').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Save hours' }).click();
    await page.getByText('Your hours were saved.', { exact: false }).waitFor();
    await page.waitForFunction(
      (before) => {
        const text = document.querySelector('[data-testid="slot-preview"]')?.textContent ?? '';
        const count = /(\d+) free in the next 14 days/.exec(text);
        return count !== null && Number(count[1]) < before;
      },
      withAllMondays,
      { timeout: 10_000 },
    );
    const withClosedMonday = await previewCount(page);
    await shot(page, 'hours-saved');
    await page.reload();
    expect(await page.getByRole('group', { name: /^Other hours,/ }).getByLabel('Date').inputValue()).toBe(closedMonday);

    // Time off over the whole fortnight leaves nothing to book; removing it brings the slots back.
    const timeOff = page.getByTestId('time-off');
    await timeOff.getByText('No time off planned.').waitFor();
    await timeOff.getByLabel('From').fill(localDateTimeFromNow(5, VET_ZONE));
    await timeOff.getByLabel('Until').fill(localDateTimeFromNow(15 * 24 * 60, VET_ZONE));
    await timeOff.getByRole('button', { name: 'Add time off' }).click();
    await timeOff.getByText(/^Time off added: /).waitFor();
    await page.getByTestId('slot-preview').getByText('No free slots in the next 14 days', { exact: false }).waitFor();
    await shot(page, 'time-off');
    await timeOff.getByRole('button', { name: /^Remove time off/ }).click();
    await timeOff.getByText(/^Time off removed: /).waitFor();
    expect(await previewCount(page)).toBe(withClosedMonday);
  });

  it('answers requests on the calendar: accept, decline, move and cancel, each with the refund stated; and fits a phone', async () => {
    const people: BookablePeople = await createBookablePeople(testApp);
    // Two paid requests, at least four hours away, in the consultant's zone (UTC here).
    const { slots } = await slotsOf(people, { fromMinutes: 240, days: 2 });
    for (const slot of [slots[0], slots[6]]) {
      const created = await book(people, slot.startsAt);
      await people.owner.agent.post(`/api/bookings/${created.booking.id}/test-payment`).set(people.owner.csrf).send({ outcome: 'succeeded' }).expect(200);
    }
    const page = await open({ viewport: { width: 1280, height: 900 } });
    await signIn(page, testApp.baseUrl, people.consultant.email);

    await page.goto(`${testApp.baseUrl}/clinics/${people.clinicId}`);
    await page.getByRole('link', { name: 'Your calendar' }).click();
    await page.waitForURL(`**/clinics/${people.clinicId}/calendar`);
    const requests = page.getByTestId('booking-request');
    await page.getByRole('heading', { name: 'Requests awaiting your answer (2)' }).waitFor();
    await shot(page, 'calendar-requests');

    await requests.first().getByRole('button', { name: /^Accept/ }).click();
    await page.getByRole('status').getByText(`You accepted the consultation for ${people.pet.name} with ${people.owner.displayName}.`, { exact: false }).waitFor();
    await page.getByRole('heading', { name: 'Requests awaiting your answer (1)' }).waitFor();
    const upcoming = page.getByTestId('booking-upcoming');
    await upcoming.first().waitFor();
    await shot(page, 'calendar-accepted');

    await requests.first().getByRole('button', { name: /^Decline/ }).click();
    const declineDialog = page.getByRole('dialog', { name: 'Decline this request?' });
    await declineDialog.getByText(refundedInFull(people), { exact: false }).waitFor();
    await shot(page, 'calendar-decline-dialog');
    await declineDialog.getByRole('button', { name: 'Decline and refund' }).click();
    await page.getByRole('status').getByText(`You declined the consultation for ${people.pet.name}. ${refundedInFull(people)}`).waitFor();
    await page.getByRole('heading', { name: 'Requests awaiting your answer', exact: true }).waitFor();

    // Move: a date picked in the consultant's zone (the day after tomorrow, a whole free day), then a time.
    await upcoming.first().getByRole('button', { name: /^Move/ }).click();
    const moveDialog = page.getByRole('dialog', { name: `Move the consultation for ${people.pet.name}` });
    const moveDate = plusDays(todayIn('UTC'), 2);
    await moveDialog.getByLabel('Date').fill(moveDate);
    // The day shown before stays until the new date's times arrive: wait for those (instants in UTC, the consultant's zone here).
    const choice = moveDialog.locator(`input[type="radio"][value^="${moveDate}T"]`).nth(3);
    await choice.waitFor();
    const movedTo = (await choice.getAttribute('value')) ?? '';
    expect(wallClock(movedTo, 'UTC').date).toBe(moveDate);
    await choice.check();
    await shot(page, 'calendar-move-dialog');
    await moveDialog.getByRole('button', { name: 'Move the consultation' }).click();
    const movedTime = wallClock(movedTo, 'UTC').time;
    await page.getByRole('status').getByText(new RegExp(`^The consultation for ${people.pet.name} moved to .*, ${movedTime}–`)).waitFor();
    await upcoming.first().getByText(movedTime, { exact: false }).first().waitFor();

    await upcoming.first().getByRole('button', { name: /^Cancel/ }).click();
    const cancelDialog = page.getByRole('dialog', { name: 'Cancel this consultation?' });
    await cancelDialog.getByText(refundedInFull(people), { exact: false }).waitFor();
    await shot(page, 'calendar-cancel-dialog');
    await cancelDialog.getByRole('button', { name: 'Cancel and refund' }).click();
    await page.getByRole('status').getByText(`You cancelled the consultation for ${people.pet.name}. ${refundedInFull(people)}`).waitFor();
    await page.getByText('No confirmed consultations to come.').waitFor();
    await page.getByText('Past and closed (2)').click();
    await page.getByTestId('past-bookings').getByRole('listitem').nth(1).waitFor();
    await shot(page, 'calendar-past');
    expect(await overflowsSideways(page)).toBe(false);

    // A phone: the calendar, the hours and the profile fit the width.
    await page.setViewportSize(PHONE);
    for (const [path, ready, name] of [
      ['calendar', 'past-bookings', 'phone-calendar'],
      ['availability', 'slot-preview', 'phone-availability'],
      ['profile', 'consultant-profile', 'phone-profile'],
    ] as const) {
      await page.goto(`${testApp.baseUrl}/clinics/${people.clinicId}/${path}`);
      await page.getByTestId(ready).waitFor();
      await shot(page, name);
      expect({ name, overflows: await overflowsSideways(page) }).toEqual({ name, overflows: false });
    }
  });
});
