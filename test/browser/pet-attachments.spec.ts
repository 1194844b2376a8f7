import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PetView } from '@vetmeet/contracts';
import type { Page } from 'playwright-core';
import { registerAndSignIn, STRONG_PASSWORD, type SignedIn } from '../support/accounts';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

const SCREENSHOTS = 'test-results/screenshots';
const FIXTURES = join(__dirname, '../fixtures/attachments');

describe("a pet's attachments in the web client, in real Chromium", () => {
  let testApp: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let owner: SignedIn;
  let pet: PetView;

  const section = () => page.getByTestId('attachments');

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    testApp = await startTestApp();
    owner = await registerAndSignIn(testApp.baseUrl, { displayName: 'Olena Marchenko' });
    pet = (await owner.agent.post('/api/pets').set('X-CSRF-Token', owner.session.csrfToken).send({ name: 'Barsik', species: 'cat' }).expect(201)).body as PetView;
    browser = await launchBrowser({ timezoneId: 'Europe/Kyiv', locale: 'en-GB' });
    page = await browser.context.newPage();
    await page.goto(`${testApp.baseUrl}/sign-in?next=${encodeURIComponent(`/pets/${pet.id}`)}`);
    await page.getByLabel('Email address').fill(owner.email);
    await page.getByLabel('Password', { exact: true }).fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`**/pets/${pet.id}`);
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('states the limits of the chosen kind and uploads a photo, shown as a thumbnail', async () => {
    await section().getByText('No files yet.').waitFor();
    expect(await section().getByTestId('attachment-limits').innerText()).toContain('JPEG, PNG, WebP, HEIC or HEIF file of up to 20 MB');
    await section().getByLabel('Kind of file').selectOption('video');
    expect(await section().getByTestId('attachment-limits').innerText()).toContain('MP4, WebM or QuickTime (MOV) file of up to 200 MB');
    await section().getByLabel('Kind of file').selectOption('photo');

    // Nothing chosen: said beside the field.
    await section().getByRole('button', { name: 'Upload' }).click();
    await section().getByTestId('error-summary').getByText('Choose a file to upload.').waitFor();

    await section().getByLabel('File', { exact: true }).setInputFiles(join(FIXTURES, 'photo.png'));
    await section().getByRole('button', { name: 'Upload' }).click();
    await section().getByRole('status').getByText("photo.png was added to Barsik's record.").waitFor();
    const item = section().getByTestId('attachment-list').locator('li').filter({ hasText: 'photo.png' });
    await item.waitFor();
    expect(await item.innerText()).toContain(`Photo · PNG · ${readFileSync(join(FIXTURES, 'photo.png')).length} bytes · added`);
    const thumbnail = item.getByRole('img', { name: 'Photo: photo.png' });
    await page.waitForFunction(() => {
      const image = document.querySelector<HTMLImageElement>('.attachment-thumbnail');
      return image?.complete && image.naturalWidth > 0;
    });
    expect(await thumbnail.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(24);
    await page.screenshot({ path: `${SCREENSHOTS}/pet-attachments.png`, fullPage: true });
    await expectNoAxeViolations(page, 'pet-attachments');
  });

  it('opens and downloads the decrypted file', async () => {
    const item = section().getByTestId('attachment-list').locator('li').filter({ hasText: 'photo.png' });
    const downloading = page.waitForEvent('download');
    await item.getByRole('link', { name: 'Download photo.png' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('photo.png');
    expect(readFileSync(await download.path()).equals(readFileSync(join(FIXTURES, 'photo.png')))).toBe(true);

    const opening = page.context().waitForEvent('page');
    await item.getByRole('link', { name: 'Open photo.png (new tab)' }).click();
    const opened = await opening;
    await opened.waitForLoadState();
    expect(new URL(opened.url()).pathname).toMatch(/\/api\/pets\/[0-9a-f-]+\/attachments\/[0-9a-f-]+\/content$/);
    await opened.waitForFunction(() => {
      const image = document.querySelector('img');
      return image?.complete && image.naturalWidth === 24;
    });
    await opened.close();
  });

  it('explains a file whose content is not what its name says', async () => {
    await section().getByLabel('File', { exact: true }).setInputFiles({ name: 'cat.png', mimeType: 'image/png', buffer: readFileSync(join(FIXTURES, 'program.exe')) });
    await section().getByRole('button', { name: 'Upload' }).click();
    await section()
      .getByTestId('error-summary')
      .getByText("This file's content is not one a photo may be. Choose a JPEG, PNG, WebP, HEIC or HEIF file; renaming a file does not change its type.")
      .waitFor();
    await section().getByTestId('error-summary').getByText('The file was not added.').waitFor();
    expect(await section().getByLabel('File', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    // The earlier upload's confirmation is not left standing beside the refusal.
    expect(await section().getByText("photo.png was added to Barsik's record.").count()).toBe(0);
    await page.screenshot({ path: `${SCREENSHOTS}/pet-attachments-wrong-type.png`, fullPage: true });
    await expectNoAxeViolations(page, 'pet-attachments-wrong-type');
    expect(await section().getByTestId('attachment-list').locator('li').count()).toBe(1);
  });

  it('deletes a file after asking', async () => {
    await section().getByRole('button', { name: 'Delete photo.png' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this file?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Delete file' }).click();
    await section().getByRole('status').getByText('photo.png was deleted.').waitFor();
    await section().getByText('No files yet.').waitFor();
  });
});
