import { mkdirSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import request from 'supertest';
import { newAccount, STRONG_PASSWORD } from '../support/accounts';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

const SCREENSHOTS = 'test-results/screenshots';
const TIME_ZONE = 'Europe/Kyiv';
const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0';

/** The sentences a field's aria-describedby points at: what a screen reader reads with it. */
async function descriptionOf(field: Locator): Promise<string> {
  const ids = (await field.getAttribute('aria-describedby'))?.split(' ') ?? [];
  const page = field.page();
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).innerText()));
  return texts.join(' ');
}

const focusedTestId = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);

const pathOf = (page: Page) => {
  const url = new URL(page.url());
  return url.pathname + url.search;
};

describe('accounts and pets in the web client, in real Chromium', () => {
  let testApp: TestApp;
  let browser: TestBrowser;
  let page: Page;
  const person = newAccount({ displayName: 'Olena Marchenko' });

  const header = () => page.locator('header.site-header');
  const summary = () => page.getByTestId('error-summary');

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    testApp = await startTestApp();
    browser = await launchBrowser({ timezoneId: TIME_ZONE, locale: 'en-GB' });
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('signs a new person up through the form, explaining each problem beside its field', async () => {
    await page.goto(`${testApp.baseUrl}/sign-up`);
    await page.getByText('(version 2026-11-01)').waitFor();
    // The browser's own zone is chosen for the person, by its current name even where Chromium's ICU still says Kiev.
    expect(await page.getByLabel('Time zone').inputValue()).toBe(TIME_ZONE);

    // Nothing filled in: the summary takes the focus and every field says what it needs.
    await page.getByRole('button', { name: 'Create account' }).click();
    await summary().waitFor();
    expect(await focusedTestId(page)).toBe('error-summary');
    const email = page.getByLabel('Email address');
    expect(await email.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(email)).toContain('Enter your email address.');
    expect(await descriptionOf(page.getByLabel('I am 18 or older'))).toContain('Confirm that you are 18 or older.');
    await summary().getByRole('link', { name: 'Enter your email address.' }).click();
    expect(await email.evaluate((input) => input === document.activeElement)).toBe(true);

    // A password the server's policy refuses: its reason lands on the password field.
    await page.getByLabel('Your name').fill(person.displayName);
    await email.fill(person.email);
    await page.getByLabel('Password', { exact: true }).fill('Password1234');
    await page.getByLabel('Country').selectOption('UA');
    await page.getByLabel('I am 18 or older').check();
    await page.getByLabel('I have read and accept the privacy policy').check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await summary().getByText('one of the first that attackers try').waitFor();
    expect(await focusedTestId(page)).toBe('error-summary');
    expect(await descriptionOf(page.getByLabel('Password', { exact: true }))).toContain('one of the first that attackers try');
    expect(await email.getAttribute('aria-invalid')).toBeNull();
    await page.screenshot({ path: `${SCREENSHOTS}/sign-up-errors.png`, fullPage: true });
    await expectNoAxeViolations(page, 'sign-up-errors');

    await page.getByLabel('Password', { exact: true }).fill(person.password);
    await page.screenshot({ path: `${SCREENSHOTS}/sign-up.png`, fullPage: true });
    await expectNoAxeViolations(page, 'sign-up');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    await page.getByText(person.email).waitFor();
  });

  it('signs in, shows who is signed in, and lists the account and its sessions', async () => {
    await page.getByRole('link', { name: 'Continue to sign in' }).click();
    await page.getByLabel('Email address').fill(person.email.toUpperCase());
    await page.getByLabel('Password', { exact: true }).fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/pets');
    expect(await header().getByTestId('signed-in-name').innerText()).toBe(person.displayName);

    // A second device, signed in elsewhere, to be signed out from here.
    await request(testApp.baseUrl).post('/api/auth/sign-in').set('User-Agent', FIREFOX_ON_WINDOWS).send({ email: person.email, password: person.password }).expect(200);

    await header().getByRole('link', { name: 'Account' }).click();
    const profile = page.getByTestId('account-profile');
    await profile.waitFor();
    const profileText = await profile.innerText();
    for (const expected of [person.displayName, person.email, 'Ukraine', 'Not verified yet']) expect(profileText).toContain(expected);
    expect(profileText).toContain(TIME_ZONE);

    const sessions = page.getByTestId('session-list').getByRole('listitem');
    await sessions.nth(1).waitFor();
    expect(await sessions.count()).toBe(2);
    const thisDevice = sessions.filter({ hasText: 'This device' });
    expect(await thisDevice.innerText()).toContain('Chrome on Linux');
    expect(await thisDevice.getByRole('button').count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/account.png`, fullPage: true });
    await expectNoAxeViolations(page, 'account');

    const other = sessions.filter({ hasText: 'Firefox on Windows' });
    await other.getByRole('button', { name: /^Sign out Firefox on Windows/ }).click();
    await page.getByRole('status').getByText('Signed out Firefox on Windows.').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="session-list"] li').length === 1);
  });

  it('adds a pet, edits its weight, shows it in the list, and deletes it after asking', async () => {
    await header().getByRole('link', { name: 'Pets' }).click();
    await page.getByText('You have not added any pets yet.').waitFor();

    await page.getByRole('button', { name: 'Add a pet' }).click();
    const form = page.locator('form#add-pet');
    // A missing name is caught before anything is sent.
    await form.getByRole('button', { name: 'Add pet' }).click();
    await summary().getByText("Enter your pet's name.").waitFor();
    expect(await focusedTestId(page)).toBe('error-summary');

    await form.getByLabel('Name', { exact: true }).fill('Bella');
    await form.getByLabel('Species').fill('Dog');
    await form.getByLabel('Breed (optional)').fill('Border Collie');
    await form.getByLabel('Date of birth (optional)').fill('2021-03-12');
    await form.getByLabel('Sex').selectOption('female');
    await form.getByLabel('Weight in kg (optional)').fill('18.4');
    await form.getByLabel('Allergies (optional)').fill('Chicken');
    await form.getByLabel('Medical history (optional)').fill('Vaccinated against rabies, May 2026.\nSpayed in 2022.');
    await form.getByRole('button', { name: 'Add pet' }).click();
    await page.getByRole('status').getByText('Bella was added to your pets.').waitFor();

    await page.getByRole('button', { name: 'Add a pet' }).click();
    await form.getByLabel('Name', { exact: true }).fill('Miso');
    await form.getByLabel('Species').fill('Cat');
    await form.getByRole('button', { name: 'Add pet' }).click();
    await page.getByRole('status').getByText('Miso was added to your pets.').waitFor();

    const list = page.getByTestId('pet-list');
    await list.getByRole('link', { name: 'Miso' }).waitFor();
    expect(await list.getByRole('listitem').filter({ hasText: 'Bella' }).innerText()).toContain('Dog, Border Collie');
    expect(await list.getByRole('listitem').filter({ hasText: 'Bella' }).innerText()).toMatch(/18\.4\skg/);
    await page.screenshot({ path: `${SCREENSHOTS}/pets-list.png`, fullPage: true });
    await expectNoAxeViolations(page, 'pets-list');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SCREENSHOTS}/pets-list-phone.png`, fullPage: true });
    await expectNoAxeViolations(page, 'pets-list-phone');
    await page.setViewportSize({ width: 1280, height: 800 });

    await list.getByRole('link', { name: 'Bella' }).click();
    await page.getByRole('heading', { name: 'Bella', level: 1 }).waitFor();
    const details = page.getByTestId('pet-details');
    expect(await details.innerText()).toContain('12 March 2021');
    expect(await details.innerText()).toContain('Spayed in 2022.');
    await page.screenshot({ path: `${SCREENSHOTS}/pet.png`, fullPage: true });
    await expectNoAxeViolations(page, 'pet');

    // A decimal comma, as many owners in Europe write it.
    await page.getByRole('button', { name: /^Edit/ }).click();
    await page.getByLabel('Weight in kg (optional)').fill('19,2');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').getByText('Your changes were saved.').waitFor();
    expect(await page.getByTestId('pet-weight').innerText()).toMatch(/^19\.2\skg$/);

    await page.getByRole('link', { name: 'All your pets' }).click();
    expect(await page.getByTestId('pet-list').getByRole('listitem').filter({ hasText: 'Bella' }).innerText()).toMatch(/19\.2\skg/);

    await page.getByTestId('pet-list').getByRole('link', { name: 'Bella' }).click();
    await page.getByRole('button', { name: 'Delete Bella' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete Bella?' });
    await dialog.waitFor();
    await page.screenshot({ path: `${SCREENSHOTS}/pet-delete-dialog.png` });
    await expectNoAxeViolations(page, 'pet-delete-dialog');
    // The safe choice has the focus; Escape keeps the record.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep the record');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Delete Bella' }).click();
    await dialog.getByRole('button', { name: 'Delete Bella' }).click();
    await page.waitForURL('**/pets');
    await page.getByRole('status').getByText("Bella's record was deleted.").waitFor();
    await page.getByTestId('pet-list').waitFor();
    const names = await page.getByTestId('pet-list').getByRole('link').allInnerTexts();
    expect(names).toEqual(['Miso']);

    await page.goto(`${testApp.baseUrl}/pets/not-a-pet`);
    await page.getByRole('heading', { name: 'Pet not found' }).waitFor();
  });

  it('signs out to a signed-out state, sends /pets to sign-in, and comes back after signing in', async () => {
    await header().getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await page.getByRole('status').getByText('You have signed out.').waitFor();
    await header().getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await header().getByTestId('signed-in-name').count()).toBe(0);
    expect(await page.evaluate(async () => (await fetch('/api/auth/session')).json())).toEqual({ signedIn: false });

    await page.goto(`${testApp.baseUrl}/pets`);
    await page.waitForURL('**/sign-in?next=%2Fpets');
    await page.getByLabel('Email address').fill(person.email);
    await page.getByLabel('Password', { exact: true }).fill(person.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('pet-list').getByRole('link', { name: 'Miso' }).waitFor();
    expect(pathOf(page)).toBe('/pets');
  });

  it('says plainly when the password is wrong, and stays signed out', async () => {
    const other = newAccount();
    await request(testApp.baseUrl).post('/api/accounts').send(other).expect(202);
    // A browser of its own: no cookie from the other tests.
    const elsewhere = await launchBrowser({ timezoneId: TIME_ZONE });
    const stranger = await elsewhere.context.newPage();
    try {
      await stranger.goto(`${testApp.baseUrl}/sign-in`);
      await stranger.getByLabel('Email address').fill(other.email);
      await stranger.getByLabel('Password', { exact: true }).fill(`${STRONG_PASSWORD} but wrong`);
      await stranger.getByRole('button', { name: 'Sign in' }).click();
      const problem = stranger.getByTestId('error-summary');
      await problem.getByText('The email address or password is not right.').waitFor();
      expect(await focusedTestId(stranger)).toBe('error-summary');
      expect(await stranger.getByLabel('Password', { exact: true }).inputValue()).toBe('');
      expect(pathOf(stranger)).toBe('/sign-in');
      await stranger.locator('header.site-header').getByRole('link', { name: 'Sign in' }).waitFor();
      await stranger.screenshot({ path: `${SCREENSHOTS}/sign-in-wrong-password.png` });
      await expectNoAxeViolations(stranger, 'sign-in-wrong-password');
    } finally {
      await elsewhere.close();
    }
  });
});
