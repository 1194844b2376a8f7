import { mkdirSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { AuditEventView } from '@vetmeet/contracts';
import type { Page } from 'playwright-core';
import { registerAndSignIn, STRONG_PASSWORD, type SignedIn } from '../support/accounts';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { createClinicWithStaff } from '../support/clinics';
import { startTestApp, type TestApp } from '../support/test-app';

const SCREENSHOTS = 'test-results/screenshots';
const ACCOUNT_TIME_ZONE = 'Europe/Kyiv';
/** The page's rows per request (apps/web AuditLogSection). */
const PAGE_SIZE = 25;

/** What the page should print for a moment in the account's zone, spaces normalised (ICU versions differ in them). */
const kyivTime = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'medium', timeZone: ACCOUNT_TIME_ZONE }).format(new Date(iso)).replace(/\s+/g, ' ');

describe("a clinic's pages in the web client, in real Chromium", () => {
  let testApp: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let admin: SignedIn;
  let consultant: SignedIn;
  let adminClinic: string;
  let consultantClinic: string;

  const header = () => page.locator('header.site-header');
  const auditRows = () => page.getByTestId('audit-table').locator('tbody tr');

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    testApp = await startTestApp();
    admin = await registerAndSignIn(testApp.baseUrl, { displayName: 'Dr. Sofia Kravets', timeZone: ACCOUNT_TIME_ZONE });
    consultant = await registerAndSignIn(testApp.baseUrl);
    adminClinic = await createClinicWithStaff(testApp.database.url, 'Happy Paws Clinic', [
      { userId: admin.session.account.id, role: 'clinic_admin' },
      { userId: consultant.session.account.id, role: 'consultant' },
    ]);
    consultantClinic = await createClinicWithStaff(testApp.database.url, 'Riverside Vets', [{ userId: admin.session.account.id, role: 'consultant' }]);
    // More events than one page holds: each reading of the log is itself an audited event…
    for (let read = 0; read < PAGE_SIZE + 10; read += 1) {
      await admin.agent.get(`/api/clinics/${adminClinic}/audit-events?limit=1`).set('X-Clinic-Id', adminClinic).expect(200);
    }
    // …and so is a consultant's refused attempt, newest of all.
    await consultant.agent.get(`/api/clinics/${adminClinic}/audit-events`).set('X-Clinic-Id', adminClinic).expect(403);
    // The browser's zone differs from the account's: the log must follow the account.
    browser = await launchBrowser({ timezoneId: 'America/New_York', locale: 'en-GB', viewport: { width: 1280, height: 900 } });
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('lists the clinics in the header and opens a clinic page with the role there', async () => {
    await page.goto(`${testApp.baseUrl}/sign-in`);
    await page.getByLabel('Email address').fill(admin.email);
    await page.getByLabel('Password', { exact: true }).fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/pets');

    const clinics = header().getByRole('button', { name: 'Clinics' });
    expect(await clinics.getAttribute('aria-expanded')).toBe('false');
    await clinics.click();
    expect(await clinics.getAttribute('aria-expanded')).toBe('true');
    expect(await header().getByRole('list').getByRole('link').allInnerTexts()).toEqual(['Happy Paws Clinic', 'Riverside Vets']);
    await page.screenshot({ path: `${SCREENSHOTS}/clinic-switcher.png` });
    await expectNoAxeViolations(page, 'clinic-switcher');
    // Escape closes the list and gives the focus back to its button.
    await page.keyboard.press('Escape');
    expect(await clinics.getAttribute('aria-expanded')).toBe('false');
    expect(await clinics.evaluate((button) => button === document.activeElement)).toBe(true);

    await clinics.click();
    await header().getByRole('link', { name: 'Riverside Vets' }).click();
    await page.waitForURL(`**/clinics/${consultantClinic}`);
    await page.getByRole('heading', { name: 'Riverside Vets', level: 1 }).waitFor();
    expect(await page.getByTestId('clinic-roles').innerText()).toBe('Your role here: Consultant.');
    expect(await page.getByTestId('audit-log').count()).toBe(0);
    // The header names the clinic whose page is open.
    await header().getByRole('button', { name: 'Clinic: Riverside Vets' }).waitFor();

    await page.goto(`${testApp.baseUrl}/clinics/${randomUUID()}`);
    await page.getByRole('heading', { name: 'Clinic not found' }).waitFor();
  });

  it("shows a clinic admin the clinic's audit log in the account's time zone, older events on request", async () => {
    await header().getByRole('button', { name: 'Clinics' }).click();
    await header().getByRole('link', { name: 'Happy Paws Clinic' }).click();
    await page.getByRole('heading', { name: 'Happy Paws Clinic', level: 1 }).waitFor();
    expect(await page.getByTestId('clinic-roles').innerText()).toBe('Your role here: Clinic administrator.');

    await auditRows().nth(PAGE_SIZE - 1).waitFor();
    expect(await auditRows().count()).toBe(PAGE_SIZE);
    // Time, actor, role, action, record, outcome, address; the reader's own actions are "You".
    const cellsOf = async (row: ReturnType<typeof auditRows>) => (await row.locator('td').allInnerTexts()).map((text) => text.replace(/\s+/g, ' '));
    // The newest rows also hold what opening the page itself recorded (the invitation list).
    const refusedRow = auditRows().filter({ hasText: 'access.audit:read' }).first();
    const refused = await cellsOf(refusedRow);
    const occurredAt = await refusedRow.locator('time').getAttribute('datetime');
    expect(refused[0]).toBe(kyivTime(occurredAt ?? ''));
    const clinicShortId = adminClinic.split('-')[0];
    expect(refused.slice(1, 6)).toEqual([consultant.session.account.id.split('-')[0], 'Consultant', 'access.audit:read', `clinic ${clinicShortId}`, 'Denied']);
    expect(refused[6]).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
    expect((await cellsOf(auditRows().filter({ hasText: 'audit.read' }).filter({ hasText: 'You' }).first())).slice(1, 6)).toEqual([
      'You',
      'Clinic administrator',
      'audit.read',
      `audit log ${clinicShortId}`,
      'Success',
    ]);
    await page.getByText('Times are in Europe/Kyiv.').waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/clinic-audit.png`, fullPage: true });
    await expectNoAxeViolations(page, 'clinic-audit');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SCREENSHOTS}/clinic-audit-phone.png` });
    await expectNoAxeViolations(page, 'clinic-audit-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole('button', { name: 'Older events' }).click();
    await page.getByRole('status').getByText(/older events? added below\./).waitFor();
    const total = await auditRows().count();
    expect(total).toBeGreaterThan(PAGE_SIZE);
    // Older really means older: the times keep going down the table.
    const times = await auditRows().locator('time').evaluateAll((elements) => elements.map((time) => Date.parse(time.getAttribute('datetime') ?? '')));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('fits the audit table to the page on a laptop, a tablet and a phone: nothing to scroll sideways', async () => {
    const sidewaysOverflow = () =>
      page.evaluate(() => {
        const region = document.querySelector('[data-testid="audit-log"] .table-scroll');
        return {
          region: (region?.scrollWidth ?? 0) - (region?.clientWidth ?? 0),
          page: document.documentElement.scrollWidth - window.innerWidth,
        };
      });
    for (const viewport of [{ width: 1280, height: 900 }, { width: 1024, height: 768 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(viewport);
      const overflow = await sidewaysOverflow();
      expect({ width: viewport.width, ...overflow }).toEqual({ width: viewport.width, region: 0, page: 0 });
    }
    // On a phone each event reads as labelled lines, every value still in its cell.
    const firstRow = auditRows().first();
    const labels = await firstRow.locator('td').evaluateAll((cells) => cells.map((cell) => cell.dataset.label));
    expect(labels).toEqual(['Time', 'Actor', 'Role', 'Action', 'Record', 'Outcome', 'Address']);
    await page.getByTestId('audit-table').locator('caption').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}/clinic-audit-phone-rows.png` });
    await expectNoAxeViolations(page, 'clinic-audit-phone-rows');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('exports the whole log as a file of JSON lines', async () => {
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export all (NDJSON)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`audit-${adminClinic}.ndjson`);
    const lines = readFileSync(await download.path(), 'utf8').trim().split('\n');
    const events = lines.map((line) => JSON.parse(line) as AuditEventView);
    expect(events.length).toBeGreaterThan(PAGE_SIZE + 10);
    expect(events.every((event) => typeof event.seq === 'string' && typeof event.action === 'string' && typeof event.hash === 'string')).toBe(true);
    expect(events.map((event) => Number(event.seq))).toEqual(events.map((event) => Number(event.seq)).sort((a, b) => a - b));
    await page.getByRole('status').getByText(`The whole audit log was downloaded as audit-${adminClinic}.ndjson.`).waitFor();
  });
});
