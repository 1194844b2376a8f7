import { mkdirSync } from 'node:fs';
import { RoomRequest, type BookingView } from '@vetmeet/contracts';
import type { Page } from 'playwright-core';
import { book, createBookablePeople, firstSlot, type BookablePeople } from '../support/bookings';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { connectRoomClient, cookieHeaderOf, roomCall, type RoomClient } from '../support/room-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { signIn } from './support/call-page';

const SCREENSHOTS = 'test-results/screenshots';
/** The owner's account zone (test/support/accounts.ts): their pages show times in it. */
const OWNER_ZONE = 'Europe/Kyiv';

/**
 * The call's actual start and end as the pages write them in a zone ("10:03", "10:27"). The page
 * adds dates when the call fell on another day than the booked slot, as it does when a run near
 * midnight books tomorrow's first slot and holds the call today: tookPlace() accepts both forms.
 */
function callClocks(view: BookingView, timeZone: string): [string, string] {
  const format = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
  const clock = (instant: string) => format.format(new Date(instant));
  return [clock(view.consultation?.startedAt ?? ''), clock(view.consultation?.endedAt ?? '')];
}

/** "10:03–10:27", or with dates "Tue, 8 Dec 2026, 23:58 – Wed, 9 Dec 2026, 00:01", as a pattern. */
function actualTimes(view: BookingView, timeZone: string): string {
  const [start, end] = callClocks(view, timeZone);
  return `(?:[^;()]*, )?${start}(?:–| – [^;()]*, )${end}`;
}

/**
 * A booked consultation whose call took place in its room, which opens before the booked start:
 * the consultant's calendar, open from before the call, refuses a stale Cancel with the server's
 * reason and then shows the booking among the past, with the booked and the actual times; the
 * owner's bookings list and booking page read it as past, with no Join, Move or Cancel.
 */
describe('a booking after its consultation, in the browser', () => {
  let testApp: TestApp;
  let people: BookablePeople;
  let booking: BookingView;
  const browsers: TestBrowser[] = [];
  const sockets: RoomClient[] = [];
  const pageErrors: string[] = [];

  const open = async (): Promise<Page> => {
    const browser = await launchBrowser({ timezoneId: 'America/New_York', locale: 'en-GB' });
    browsers.push(browser);
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    return page;
  };
  /** A screenshot, and no accessibility violation on the screen as it is. */
  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: `${SCREENSHOTS}/after-consultation-${name}.png`, fullPage: true });
    await expectNoAxeViolations(page, `after-consultation-${name}`);
  };
  const seen = async (as: 'owner' | 'consultant') =>
    (await people[as].agent.get(`/api/bookings/${booking.id}`).expect(200)).body as BookingView;

  /** The two of them meet in the room (over socket.io, as their browsers would), and the consultant ends the call. */
  async function holdTheCall(): Promise<void> {
    const owner = await connectRoomClient(testApp.baseUrl, cookieHeaderOf(people.owner.agent));
    const consultant = await connectRoomClient(testApp.baseUrl, cookieHeaderOf(people.consultant.agent));
    sockets.push(owner, consultant);
    await roomCall(owner, RoomRequest.Join, { consultationId: booking.consultationId });
    await roomCall(consultant, RoomRequest.Join, { consultationId: booking.consultationId });
    await roomCall(consultant, RoomRequest.Admit, { userId: people.owner.userId });
    await roomCall(consultant, RoomRequest.End);
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    testApp = await startTestApp({ TRUST_PROXY: 'loopback', CONSULTATION_JOIN_OPENS_MINUTES: '60' });
    people = await createBookablePeople(testApp, { autoAccept: true, petName: 'Murka' });
    const created = await book(people, (await firstSlot(people, { fromMinutes: 1 })).startsAt);
    const pay = `/api/bookings/${created.booking.id}/test-payment`;
    const paid = await people.owner.agent.post(pay).set(people.owner.csrf).send({ outcome: 'succeeded' }).expect(200);
    booking = paid.body as BookingView;
    expect(booking.status).toBe('confirmed');
  });
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    for (const browser of browsers) await browser.close();
    await testApp?.close();
  });

  it('refuses a stale Cancel on the calendar with the reason, then lists the call as past, both times', async () => {
    const page = await open();
    await signIn(page, testApp.baseUrl, people.consultant.email);
    await page.goto(`${testApp.baseUrl}/clinics/${people.clinicId}/calendar`);
    const upcoming = page.getByTestId('upcoming-bookings');
    const card = upcoming.getByTestId('booking-upcoming');
    await card.getByText('Room open').waitFor();
    await card.getByRole('link', { name: /Join the consultation/ }).waitFor();
    await shot(page, 'calendar-before');

    // The call takes place while this page still shows it to come.
    await holdTheCall();
    await card.getByRole('button', { name: /^Cancel/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel and refund' }).click();
    const refusal = page.getByTestId('calendar-refusal');
    await refusal.getByText('The consultation of this booking has ended: it can no longer be cancelled.').waitFor();
    expect(await page.getByText('Your calendar was updated').count()).toBe(0);
    await upcoming.getByText('No confirmed consultations to come.').waitFor();
    expect(await upcoming.getByRole('button').count()).toBe(0);
    expect(await upcoming.getByRole('link', { name: /Join/ }).count()).toBe(0);

    const view = await seen('consultant');
    const past = page.getByTestId('past-bookings');
    await past.locator('summary').click();
    await past.getByText('Took place', { exact: true }).waitFor();
    const times = await past.getByTestId('booking-times').textContent();
    const weekdayOf = new Intl.DateTimeFormat('en-GB', { weekday: 'short', timeZone: 'UTC' });
    const weekday = weekdayOf.format(Date.parse(booking.startsAt));
    expect(times).toContain(`Booked for ${weekday}`);
    expect(times).toMatch(new RegExp(`; took place ${actualTimes(view, 'UTC')}( |$)`));
    await shot(page, 'calendar-after');
    const unchanged = { status: 'confirmed', cancellation: null, payment: { status: 'succeeded', amountRefunded: 0 } };
    expect(await seen('owner')).toMatchObject(unchanged);
  });

  it('shows the owner the booking as past, with booked and actual times, nothing to join, move or cancel', async () => {
    const page = await open();
    const view = await seen('owner');
    const actual = actualTimes(view, OWNER_ZONE);
    await signIn(page, testApp.baseUrl, people.owner.email);
    await page.goto(`${testApp.baseUrl}/bookings`);
    await page.getByTestId('past-bookings').getByText('Took place', { exact: true }).waitFor();
    expect(await page.getByTestId('upcoming-bookings').count()).toBe(0);
    const times = await page.getByTestId('past-bookings').getByTestId('booking-times').textContent();
    expect(times).toMatch(new RegExp(`^Booked for .+; took place ${actual}$`));
    await page.getByText('Nothing booked.').waitFor();
    await shot(page, 'owner-bookings');

    await page.getByTestId('past-bookings').getByRole('link', { name: /Murka/ }).click();
    await page.waitForURL(`**/bookings/${booking.id}`);
    await page.getByTestId('booking-status').getByText('Took place').waitFor();
    await page.getByTestId('took-place').getByText(new RegExp(`^${actual}$`)).waitFor();
    await page.getByText('Booked for', { exact: true }).waitFor();
    const over = new RegExp(`This consultation is over \\(it took place ${actual}\\); its room is closed\\.`);
    await page.getByTestId('join-room').getByText(over).waitFor();
    for (const name of [/Join the consultation/, /Cancel the booking/, /Choose another time/]) {
      expect(await page.getByRole('button', { name }).count()).toBe(0);
      expect(await page.getByRole('link', { name }).count()).toBe(0);
    }
    expect(await page.getByText('The room is open').count()).toBe(0);
    expect(await page.getByText('Full refund if cancelled by').count()).toBe(0);
    await shot(page, 'owner-booking');

    // The consultation's own page keeps the call's times too.
    await page.getByRole('link', { name: 'The consultation page' }).click();
    await page.waitForURL(`**/consultations/${booking.consultationId}`);
    const [from, to] = callClocks(view, OWNER_ZONE);
    const consultationTimes = await page.getByTestId('consultation-took-place').textContent();
    expect(consultationTimes).toMatch(new RegExp(`^Took place(?:[^;]*, )?${from} to (?:[^;]*, )?${to}$`));
    await shot(page, 'owner-consultation');
  });
});
