import type { Page } from 'playwright-core';
import { createBookablePeople, type BookablePeople } from '../support/bookings';
import { launchBrowser, takeCspViolations, type TestBrowser } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';
import { signIn } from './support/call-page';

/** Marks the current document; a page load of the next one leaves no mark. */
type Marked = { __sameDocument?: boolean };
const markDocument = (page: Page) => page.evaluate(() => ((window as unknown as Marked).__sameDocument = true));
const sameDocument = (page: Page) => page.evaluate(() => (window as unknown as Marked).__sameDocument === true);

/**
 * The pages run under the server's Content-Security-Policy (every browser test fails on a
 * violation: test/support/browser.ts). Here: that the policy is enforced and reported, and
 * that the payment page, whose policy alone lets Stripe in, is always a page load of its own.
 */
describe('the content security policy in the browser', () => {
  let testApp: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let people: BookablePeople;

  beforeAll(async () => {
    testApp = await startTestApp({ TRUST_PROXY: 'loopback' });
    people = await createBookablePeople(testApp, { consultantName: 'Dr. Olena Shevchenko' });
    browser = await launchBrowser({ timezoneId: 'Europe/Kyiv', locale: 'en-GB' });
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('blocks a script written into the page, and the check sees it', async () => {
    await page.goto(`${testApp.baseUrl}/`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true;';
      document.head.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(ran).toBe(false);
    const violations = takeCspViolations();
    expect(violations).toEqual([expect.objectContaining({ directive: 'script-src-elem', blocked: 'inline' })]);
  });

  it('loads the payment page anew when the booking form sends the owner there, with its message', async () => {
    await signIn(page, testApp.baseUrl, people.owner.email);
    await page.goto(`${testApp.baseUrl}/consultants/${people.consultant.userId}`);
    const slot = page.locator('.slot-button').first();
    await slot.waitFor();
    await slot.click();
    await page.waitForURL('**/book?*');
    await page.getByLabel('Reason for the consultation').fill('Limping on the left hind leg.');
    await markDocument(page);
    await page.getByRole('button', { name: /Hold this time/ }).click();
    await page.waitForURL('**/pay');
    await page.getByTestId('test-payment').waitFor();
    expect(await sameDocument(page)).toBe(false);
    // The message the booking form left for the payment page survived the page load.
    await page.getByRole('status').getByText('is held for you while you pay.', { exact: false }).waitFor();
  });

  it('loads the next page anew when leaving the payment page, and the payment page from the booking', async () => {
    await markDocument(page);
    await page.getByRole('link', { name: '← Booking details' }).click();
    await page.getByTestId('awaiting-payment').waitFor();
    expect(await sameDocument(page)).toBe(false);
    expect(new URL(page.url()).pathname).toMatch(/^\/bookings\/[^/]+$/);

    await markDocument(page);
    await page.getByTestId('awaiting-payment').getByRole('link', { name: 'Pay now' }).click();
    await page.waitForURL('**/pay');
    await page.getByTestId('test-payment').waitFor();
    expect(await sameDocument(page)).toBe(false);
    // Back returns to the booking, under its own policy, with nothing blocked on the way.
    await page.goBack();
    await page.getByTestId('awaiting-payment').waitFor();
  });

  it('moves between other pages in place, as a single-page app', async () => {
    await markDocument(page);
    await page.locator('header.site-header').getByRole('link', { name: 'Find a vet' }).click();
    await page.getByTestId('consultant-list').waitFor();
    expect(await sameDocument(page)).toBe(true);
  });

  it("shows the API's description under its own policy, with nothing blocked", async () => {
    await page.goto(`${testApp.baseUrl}/api/docs`);
    await page.getByRole('heading', { name: /Vetmeet API/ }).waitFor();
    await page.getByText('/api/auth/sign-in').first().waitFor();
  });
});
