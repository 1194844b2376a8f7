import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startBuiltServer, type RunningServer } from '../support/built-server';
import { freePort } from '../support/free-port';
import { waitForMediaFromTheOtherSide } from './support/call-page';

const SCREENSHOTS = 'test-results/screenshots';

/**
 * The README's quick-start walk, as a newcomer does it: `npm start` (the built server, development,
 * an empty embedded database, so the demo is seeded), then two browser windows: the owner books
 * and pays with a local test payment, Dr. Ana Demo accepts, and both meet in the room.
 */
describe('the README walk on the demo, in two browsers', () => {
  let dataRoot: string;
  let server: RunningServer;
  let baseUrl: string;
  let ownerBrowser: TestBrowser;
  let vetBrowser: TestBrowser;
  let owner: Page;
  let vet: Page;
  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: `${SCREENSHOTS}/demo-walk-${name}.png`, fullPage: true });
    await expectNoAxeViolations(page, `demo-walk-${name}`);
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dataRoot = mkdtempSync('/tmp/vetmeet-demo-walk-');
    chmodSync(dataRoot, 0o711);
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    server = startBuiltServer({
      DATA_DIR: join(dataRoot, 'data'),
      PORT: String(port),
      EMBEDDED_POSTGRES_PORT: String(await freePort()),
      MEDIA_RTC_PORT: String(await freePort()),
      MEDIA_WORKERS: '1',
      DEV_SMTP_PORT: String(await freePort()),
    });
    const deadline = Date.now() + 90_000;
    while (!(await fetch(`${baseUrl}/health`).then((response) => response.ok, () => false))) {
      if (Date.now() > deadline || server.child.exitCode !== null) {
        throw new Error(`the server did not start:\n${server.output()}`);
      }
      await new Promise((wait) => setTimeout(wait, 250));
    }
    [ownerBrowser, vetBrowser] = await Promise.all([0, 1].map(() => launchBrowser({ locale: 'en-GB' })));
    [owner, vet] = await Promise.all([ownerBrowser.context.newPage(), vetBrowser.context.newPage()]);
  });
  afterAll(async () => {
    await Promise.all([ownerBrowser?.close(), vetBrowser?.close()]);
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    rmSync(dataRoot, { recursive: true, force: true });
  });

  it('lets the owner sign in from the demo panel, pick the first time of Dr. Ana Demo and pay', async () => {
    await owner.goto(baseUrl);
    await owner.locator('header.site-header').getByRole('link', { name: 'Sign in' }).click();
    await owner.getByRole('button', { name: 'Sign in as Olga Demo (pet owner)' }).click();
    await owner.waitForURL('**/pets');
    await owner.locator('header.site-header').getByRole('link', { name: 'Find a vet' }).click();
    await owner.getByTestId('consultant-list').waitFor();
    await shot(owner, 'directory');
    await owner.getByRole('link', { name: 'Dr. Ana Demo' }).click();
    const firstSlot = owner.locator('.slot-button').first();
    await firstSlot.waitFor();
    await shot(owner, 'slot-picker');
    await firstSlot.click();
    await owner.waitForURL('**/book?*');
    await owner.getByLabel('Reason for the consultation').fill('Demo walk: she keeps scratching her ear.');
    await owner.getByRole('button', { name: /Hold this time/ }).click();
    await owner.waitForURL('**/pay');
    await owner.getByRole('button', { name: 'Pay successfully (test)' }).click();
    await owner.getByTestId('booking-outcome').getByText(/Request sent/).waitFor();
    await shot(owner, 'paid');
    await owner.getByRole('link', { name: 'See your booking' }).click();
    await owner.waitForURL(/\/bookings\/[0-9a-f-]+$/);
  });

  it('lets Dr. Ana Demo sign in in the other window, find the request and accept it', async () => {
    await vet.goto(`${baseUrl}/sign-in`);
    await vet.getByRole('button', { name: 'Sign in as Dr. Ana Demo' }).click();
    await vet.waitForURL('**/pets');
    await vet.locator('header.site-header').getByRole('link', { name: 'Demo clinic' }).click();
    await vet.getByRole('link', { name: 'Your calendar' }).click();
    const request = vet.getByTestId('booking-request').first();
    await request.waitFor();
    await shot(vet, 'vet-calendar');
    await request.getByRole('button', { name: /^Accept/ }).click();
    await vet.getByRole('status').getByText(/You accepted/).waitFor();
  });

  it('brings both into the room at once, where they see and hear each other', async () => {
    await owner.reload();
    await owner.getByRole('link', { name: /Join the consultation/ }).first().click();
    await owner.getByRole('button', { name: 'Check camera, microphone and connection' }).click();
    await owner.getByRole('button', { name: 'Go to the waiting room' }).click();
    await owner.getByRole('heading', { name: 'Waiting for Dr. Ana Demo to let you in' }).waitFor();

    await vet.getByTestId('booking-upcoming').first().getByRole('link', { name: /Join the consultation/ }).click();
    await vet.getByRole('button', { name: 'Check camera, microphone and connection' }).click();
    await vet.getByRole('button', { name: 'Join now' }).click();
    await vet.getByTestId('admit-banner').getByRole('button', { name: 'Admit Olga Demo (pet owner)' }).click();
    await owner.getByTestId('call-view').waitFor();
    await Promise.all([waitForMediaFromTheOtherSide(owner), waitForMediaFromTheOtherSide(vet)]);
    await Promise.all([shot(owner, 'call-owner'), shot(vet, 'call-vet')]);
  });

  it('shows the clinic admin the clinic its profile describes, and the operator the clinic they approved', async () => {
    const look = await vetBrowser.context.newPage();
    const header = () => look.locator('header.site-header');
    const signInAs = async (name: string) => {
      await header().getByRole('button', { name: 'Sign out' }).click();
      await header().getByRole('link', { name: 'Sign in' }).waitFor();
      await look.goto(`${baseUrl}/sign-in`);
      await look.getByRole('button', { name: `Sign in as ${name}` }).click();
      await look.waitForURL('**/pets');
    };
    // The consultant's window, now the admin's and then the operator's: the demo panel signs each in.
    await look.goto(baseUrl);
    await signInAs('Clara Demo (clinic admin)');
    await header().getByRole('link', { name: 'Demo clinic' }).click();
    for (const section of ['Payments and payouts', 'Clinic profile', 'Single sign-on']) {
      await look.getByRole('heading', { name: section, level: 2 }).waitFor();
    }
    await look.getByRole('link', { name: 'Edit the clinic profile' }).click();
    expect(await look.getByLabel('City').inputValue()).toBe('Amsterdam');
    await shot(look, 'clinic-profile');

    await signInAs('Oscar Demo (operator)');
    await header().getByRole('link', { name: 'Operator' }).click();
    await look.getByLabel('Show').selectOption({ label: 'Approved' });
    const row = look.getByTestId('operator-clinics').getByRole('row', { name: /Demo clinic/ });
    await row.getByText('Approved', { exact: true }).waitFor();
    await shot(look, 'operator-console');
  });
});
