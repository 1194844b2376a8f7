import { mkdirSync } from 'node:fs';
import type { SessionListItem } from '@vetmeet/contracts';
import type { Duplex } from 'node:stream';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { newAccount } from '../support/accounts';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

const SCREENSHOTS = 'test-results/screenshots';

const pathOf = (page: Page) => {
  const url = new URL(page.url());
  return url.pathname + url.search;
};

/** Resolves once the page's socket.io channel to /session is accepted by the server (its CONNECT packet answered). */
function sessionChannelOpened(page: Page): Promise<void> {
  return new Promise((resolve) => {
    page.on('websocket', (socket) => {
      socket.on('framereceived', ({ payload }) => {
        if (typeof payload === 'string' && payload.startsWith('40/session,')) resolve();
      });
    });
  });
}

describe('the session channel in the web client, in real Chromium', () => {
  let testApp: TestApp;
  let browser: TestBrowser;
  let page: Page;
  const person = newAccount({ displayName: 'Taras Melnyk' });

  const header = () => page.locator('header.site-header');

  async function signInThroughPage(target: Page): Promise<void> {
    await target.getByLabel('Email address').fill(person.email);
    await target.getByLabel('Password', { exact: true }).fill(person.password);
    await target.getByRole('button', { name: 'Sign in' }).click();
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    testApp = await startTestApp();
    await request(testApp.baseUrl).post('/api/accounts').send(person).expect(202);
    browser = await launchBrowser({ timezoneId: 'Europe/Kyiv', locale: 'en-GB' });
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('returns to sign-in with a message the moment another device signs this browser out, and comes back after signing in', async () => {
    await page.goto(`${testApp.baseUrl}/account`);
    await page.waitForURL('**/sign-in?next=%2Faccount');
    const opened = sessionChannelOpened(page);
    await signInThroughPage(page);
    await page.waitForURL('**/account');
    await opened;

    // A phone, signed in as the same person, signs the browser out.
    const phone = request.agent(testApp.baseUrl);
    const phoneSession = (await phone.post('/api/auth/sign-in').send({ email: person.email, password: person.password }).expect(200)).body as { csrfToken: string };
    const sessions = (await phone.get('/api/auth/sessions').expect(200)).body as SessionListItem[];
    const browserSession = sessions.find((session) => !session.current);
    expect(browserSession?.userAgent).toContain('Chrome');
    await phone.delete(`/api/auth/sessions/${browserSession?.id}`).set('X-CSRF-Token', phoneSession.csrfToken).expect(204);

    // No click, no request from the page: the channel brings it back to sign-in.
    await page.waitForURL('**/sign-in?next=%2Faccount');
    await page.getByRole('status').getByText('You were signed out on another device.').waitFor();
    await header().getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await header().getByTestId('signed-in-name').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/signed-out-elsewhere.png`, fullPage: true });
    await expectNoAxeViolations(page, 'signed-out-elsewhere');

    await signInThroughPage(page);
    await page.waitForURL('**/account');
    await page.getByTestId('account-profile').waitFor();
    // The message was for that one visit.
    await header().getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await page.getByRole('status').getByText('You have signed out.').waitFor();
    expect(await page.getByText('You were signed out on another device.').count()).toBe(0);
  });

  it('follows a sign-out in another tab, and says so there but not in the tab that signed out', async () => {
    const opened = sessionChannelOpened(page);
    await signInThroughPage(page);
    await page.waitForURL('**/pets');
    await opened;

    const otherTab = await browser.context.newPage();
    try {
      const otherOpened = sessionChannelOpened(otherTab);
      await otherTab.goto(`${testApp.baseUrl}/account`);
      await otherTab.getByTestId('account-profile').waitFor();
      await otherOpened;
      await otherTab.locator('header.site-header').getByRole('button', { name: 'Sign out' }).click();
      await otherTab.getByRole('status').getByText('You have signed out.').waitFor();

      await page.waitForURL('**/sign-in?next=%2Fpets');
      await page.getByRole('status').getByText('You signed out in another tab or window.').waitFor();
      expect(await otherTab.getByText('You signed out in another tab or window.').count()).toBe(0);
    } finally {
      await otherTab.close();
    }
  });

  it('reconnects after the network drops, and stops at once when the server no longer takes the session', async () => {
    // The server ends of the page's WebSocket connections, to cut them as a failing network would.
    const connections = new Set<Duplex>();
    testApp.app.getHttpServer().on('upgrade', (_request: unknown, socket: Duplex) => connections.add(socket));
    const dropConnections = () => connections.forEach((socket) => socket.destroy());
    let attempts = 0;
    let connected: () => void = () => undefined;
    page.on('websocket', (socket) => {
      attempts += 1;
      socket.on('framereceived', ({ payload }) => {
        if (typeof payload === 'string' && payload.startsWith('40/session,')) connected();
      });
    });
    const opened = () => new Promise<void>((resolve) => (connected = resolve));

    let connection = opened();
    await signInThroughPage(page);
    await page.waitForURL('**/pets');
    await connection;

    // The network goes, and comes back: socket.io connects again by itself.
    connection = opened();
    await browser.context.setOffline(true);
    dropConnections();
    await page.waitForTimeout(1_000);
    await browser.context.setOffline(false);
    await connection;
    expect(pathOf(page)).toBe('/pets');

    // Gone again while the phone signs this browser out: the notice never arrives…
    await browser.context.setOffline(true);
    dropConnections();
    const phone = request.agent(testApp.baseUrl);
    const phoneSession = (await phone.post('/api/auth/sign-in').send({ email: person.email, password: person.password }).expect(200)).body as { csrfToken: string };
    const sessions = (await phone.get('/api/auth/sessions').expect(200)).body as SessionListItem[];
    for (const session of sessions.filter((candidate) => !candidate.current)) {
      await phone.delete(`/api/auth/sessions/${session.id}`).set('X-CSRF-Token', phoneSession.csrfToken).expect(204);
    }
    await browser.context.setOffline(false);

    // …so the refusal on reconnecting says it, and the channel stops instead of trying again.
    await page.waitForURL('**/sign-in?next=%2Fpets');
    await page.getByRole('status').getByText('Your session has ended. Sign in again to continue.').waitFor();
    const attemptsWhenRefused = attempts;
    await page.waitForTimeout(3_000);
    expect(attempts).toBe(attemptsWhenRefused);
  });
});
