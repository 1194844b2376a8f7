import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { registerAndSignIn, type SignedIn } from '../support/accounts';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { createClinicWithStaff } from '../support/clinics';
import { startTestApp, type TestApp } from '../support/test-app';
import { signIn } from './support/call-page';

const SCREENSHOTS = 'test-results/screenshots';
const LOGO = join(__dirname, '../fixtures/attachments/photo.png');

/**
 * A clinic admin keeps the clinic's profile (logo, address, default currency, what the directory
 * shows); a consultant then publishes in one save from one page, with a preview that the
 * directory matches exactly.
 */
describe('clinic profile and one-flow publishing, in real Chromium', () => {
  let testApp: TestApp;
  let browser: TestBrowser | undefined;
  let admin: SignedIn;
  let vet: SignedIn;
  let clinicId: string;
  const pageErrors: string[] = [];

  const open = async (): Promise<Page> => {
    await browser?.close();
    const viewport = { width: 1280, height: 900 };
    browser = await launchBrowser({ timezoneId: 'Europe/Berlin', locale: 'en-GB', viewport });
    const page = await browser.context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    return page;
  };
  const shot = async (page: Page, name: string) => {
    await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
    await expectNoAxeViolations(page, name);
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    testApp = await startTestApp();
    admin = await registerAndSignIn(testApp.baseUrl, { displayName: 'Clinic Admin' });
    // The vet's account is in another zone than the clinic's (Europe/Berlin): the hours start in the clinic's.
    vet = await registerAndSignIn(testApp.baseUrl, { displayName: 'Dr. Lena Vogel', timeZone: 'Europe/Lisbon' });
    clinicId = await createClinicWithStaff(testApp.database.url, 'Praxis Nord', [
      { userId: admin.session.account.id, role: 'clinic_admin' },
      { userId: vet.session.account.id, role: 'consultant' },
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  it('lets the clinic admin upload a logo, set address and default currency, and choose what is shown', async () => {
    const page = await open();
    await signIn(page, testApp.baseUrl, admin.email);
    await page.goto(`${testApp.baseUrl}/clinics/${clinicId}`);
    await page.getByRole('link', { name: 'Edit the clinic profile' }).click();
    await page.waitForURL(`**/clinics/${clinicId}/clinic-profile`);
    await page.getByRole('heading', { name: 'Clinic profile', level: 1 }).waitFor();
    expect(await page.getByLabel('Clinic name').inputValue()).toBe('Praxis Nord');

    await page.getByLabel('Logo file').setInputFiles(LOGO);
    await page.getByRole('button', { name: 'Upload logo' }).click();
    await page.getByText('The logo was saved.').waitFor();
    await page.getByRole('img', { name: 'The clinic’s logo' }).waitFor();

    await page.getByLabel('Clinic name').fill('Tierarztpraxis Nord');
    await page.getByLabel('Street address, line 1').fill('Nordstraße 5');
    await page.getByLabel('Postcode').fill('20095');
    await page.getByLabel('City').fill('Hamburg');
    await page.getByLabel('Country').selectOption('DE');
    await page.getByLabel('Default currency').selectOption('CHF');
    await page.getByLabel('Time zone').selectOption('Europe/Berlin');
    await page.getByLabel('Show the clinic’s logo').check();
    await page.getByLabel('Address shown').selectOption('city');
    // The preview follows the form before anything is saved.
    const preview = page.getByTestId('clinic-preview');
    await preview.getByText('Tierarztpraxis Nord · Hamburg, Germany').first().waitFor();
    expect(await preview.locator('img.clinic-logo').count()).toBe(2);
    // Saved from the keyboard: Enter in a field submits the form.
    await page.getByLabel('Clinic name').press('Enter');
    await page.getByText('The clinic’s profile was saved.', { exact: false }).waitFor();
    // The header names the clinic from the session, which follows the new name.
    await page.locator('header.site-header').getByRole('link', { name: 'Tierarztpraxis Nord' }).waitFor();
    await shot(page, 'clinic-profile');

    const saved = (await admin.agent.get(`/api/clinics/${clinicId}/profile`).set('X-Clinic-Id', clinicId).expect(200))
      .body;
    expect(saved).toMatchObject({
      address: { lines: ['Nordstraße 5'], city: 'Hamburg', postcode: '20095', country: 'DE' },
      defaultCurrency: 'CHF',
      timeZone: 'Europe/Berlin',
      directory: { showLogo: true, address: 'city' },
    });

    // A bad postcode is pointed out beside its field, and nothing is sent.
    await page.getByLabel('Postcode').fill('<20095>');
    await page.getByRole('button', { name: 'Save clinic profile' }).click();
    await page.getByTestId('error-summary').getByText('Use letters, digits, spaces and dashes, at most 20.').waitFor();
  });

  it('publishes a consultant from one page in one save, and the directory shows them as the preview did', async () => {
    const page = await open();
    await signIn(page, testApp.baseUrl, vet.email);
    await page.goto(`${testApp.baseUrl}/clinics/${clinicId}`);
    await page.getByRole('link', { name: 'Profile, hours and publishing' }).click();
    await page.waitForURL(`**/clinics/${clinicId}/publish`);
    await page.getByRole('heading', { name: 'Your profile, hours and publishing', level: 1 }).waitFor();
    // The clinic's default currency starts the prices.
    expect(await page.getByLabel('Currency of your prices').inputValue()).toBe('CHF');
    // A new consultant's hours start in the clinic's time zone, and the page says which.
    expect(await page.getByLabel('Your time zone').inputValue()).toBe('Europe/Berlin');
    expect(await page.getByTestId('starting-time-zone').innerText()).toBe('Europe/Berlin');

    await page.getByRole('textbox', { name: 'Specialties' }).fill('dermatology, nutrition');
    await page.getByRole('textbox', { name: 'Species you treat' }).fill('dog, cat');
    await page.getByRole('textbox', { name: 'Languages' }).fill('de, en');
    await page.getByLabel('About you').fill('Skin and diet problems in dogs and cats.');
    await page.getByLabel('Price, CHF').fill('60');
    await page.getByLabel(/^Published/).check();
    const card = page.getByTestId('preview-card');
    await card.getByText('CHF 60.00 · 30 minutes').waitFor();
    await card.getByText('Tierarztpraxis Nord · Hamburg, Germany').waitFor();
    // The logo shows before the clinic is in the directory (its public address answers only after).
    await page.waitForFunction(() => {
      const logo = document.querySelector<HTMLImageElement>('[data-testid="preview-card"] img.clinic-logo');
      return Boolean(logo?.complete && logo.naturalWidth > 0);
    });

    // No hours yet: refused, with the reason beside Published, and nothing saved.
    await page.getByRole('button', { name: 'Save and publish' }).click();
    await page.getByTestId('error-summary').getByText(/Nothing was saved\./).waitFor();
    await page.getByText(/Not published yet: add opening hours/).first().waitFor();
    await shot(page, 'publish-refused');
    const publication = `/api/clinics/${clinicId}/consultant-publication`;
    const before = (await vet.agent.get(publication).set('X-Clinic-Id', clinicId).expect(200)).body;
    expect(before.profile).toBeNull();

    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
      await page.getByRole('button', { name: `+ Add hours on ${day}` }).click();
    }
    await page.getByRole('button', { name: 'Save and publish' }).click();
    await page.getByText('Saved and published: owners can find and book you now.').waitFor();
    await shot(page, 'publish-saved');
    const previewed = (await card.innerText()).trim();

    await page.goto(`${testApp.baseUrl}/consultants`);
    const listed = page.getByTestId('consultant-list').locator('li', { hasText: 'Dr. Lena Vogel' });
    await listed.waitFor();
    expect((await listed.innerText()).trim()).toBe(previewed);
    expect(await listed.locator('img.clinic-logo').count()).toBe(1);
    await shot(page, 'directory-with-clinic');
  });
});
