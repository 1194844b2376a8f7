import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { newPeople, type PeopleFixture } from '../support/consultations';
import { startTestApp, type TestApp } from '../support/test-app';
import { signIn } from './support/call-page';

const SCREENSHOTS = 'test-results/screenshots';
const PET = 'Barsik';
const OWNER = 'Maria Kovalenko';
const VET = 'Dr. Olena Shevchenko';

/**
 * An on-demand consultation from both sides, in one Chromium that signs in as each person in
 * turn: the vet invites (a miss and a match read alike), sees nothing until the owner accepts
 * on the consultation's page, then both see the consultation; a declined invitation stays hidden.
 */
describe('consultation invitations in the browser', () => {
  let testApp: TestApp;
  let browser: TestBrowser;
  let page: Page;
  let people: PeopleFixture;
  const pageErrors: string[] = [];

  /** A screenshot, and no accessibility violation on the screen as it is. */
  const shot = async (name: string) => {
    await page.screenshot({ path: `${SCREENSHOTS}/consultation-invitation-${name}.png`, fullPage: true });
    await expectNoAxeViolations(page, `consultation-invitation-${name}`);
  };
  const signInAs = async (email: string) => {
    await page.context().clearCookies();
    await signIn(page, testApp.baseUrl, email);
  };
  const invite = async (petName: string) => {
    await page.getByLabel("Owner's email address", { exact: true }).fill(people.owner.email);
    await page.getByLabel("Pet's name", { exact: true }).fill(petName);
    await page.getByRole('button', { name: 'Send the invitation' }).click();
    const sent = `Invitation sent if ${people.owner.email} has a pet named ${petName} on Vetmeet.`;
    await page.getByRole('status').getByText(sent, { exact: false }).waitFor();
  };
  const openConsultations = async () => {
    await page.locator('header.site-header').getByRole('link', { name: 'Consultations' }).click();
    await page.getByRole('heading', { name: 'Consultations', level: 1 }).waitFor();
  };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    testApp = await startTestApp({ TRUST_PROXY: 'loopback' });
    people = await newPeople(testApp, { petName: PET, ownerName: OWNER, consultantName: VET, clinicName: 'Riverside Vets' });
    browser = await launchBrowser({ timezoneId: 'Europe/Kyiv', locale: 'en-GB' });
    page = await browser.context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(String(error)));
  });
  afterAll(async () => {
    await browser?.close();
    await testApp?.close();
  });

  it('lets the vet invite from the clinic page, answering a miss and a match alike, and shows them nothing yet', async () => {
    await signInAs(people.consultant.email);
    await page.locator('header.site-header').getByRole('link', { name: 'Riverside Vets' }).click();
    await page.getByRole('link', { name: 'Invite an owner to a consultation' }).click();
    await page.waitForURL(`**/clinics/${people.clinicId}/consultations/new`);
    await page.getByRole('heading', { name: 'Invite an owner to a consultation', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Send the invitation' }).click();
    await page.getByTestId('error-summary').getByText("Enter the owner's email address.").waitFor();

    await invite('Murka');
    await page.getByLabel('Reason (optional)').fill('Sneezing for three days.');
    await invite(PET);
    await shot('sent');

    await openConsultations();
    await page.getByText('You have no consultations yet.').waitFor();
    expect(await page.getByRole('main').innerText()).not.toContain(PET);
  });

  it('shows the owner the invitation in their list, and lets them accept it on its page', async () => {
    await signInAs(people.owner.email);
    await openConsultations();
    const card = page.getByTestId('current-consultations').getByRole('listitem');
    await card.waitFor();
    expect(await card.innerText()).toContain('Invitation: your answer');
    await shot('owner-list');

    await card.getByRole('link').click();
    await page.getByRole('heading', { name: `${PET} with ${VET}` }).waitFor();
    const answer = page.getByTestId('invitation-answer');
    await answer.getByText(`${VET} of Riverside Vets invites you to a video consultation about ${PET}.`).waitFor();
    // Nothing of the call applies before the answer.
    expect(await page.getByTestId('join-room').count()).toBe(0);
    await shot('owner-answer');

    await answer.getByRole('button', { name: 'Accept the invitation' }).click();
    await page.getByRole('status').getByText(`You accepted: ${VET} now sees this consultation.`).waitFor();
    await page.getByTestId('join-room').getByRole('link', { name: 'Join the consultation' }).waitFor();
    expect(await page.getByTestId('invitation-answer').count()).toBe(0);
    await shot('owner-accepted');
  });

  it("then shows the vet the consultation, the owner's name and the pet's record", async () => {
    await signInAs(people.consultant.email);
    await openConsultations();
    const card = page.getByTestId('current-consultations').getByRole('listitem');
    await card.waitFor();
    expect(await card.innerText()).toContain(`with ${OWNER}`);
    await card.getByRole('link').click();
    await page.getByRole('heading', { name: `${PET} with ${OWNER}` }).waitFor();
    await page.getByTestId('consultation-pet').waitFor();
    await page.getByText('Sneezing for three days.').waitFor();
    await shot('vet-accepted');
  });

  it('keeps a declined invitation from the vet', async () => {
    await page.goto(`${testApp.baseUrl}/clinics/${people.clinicId}/consultations/new`);
    await invite(PET);

    await signInAs(people.owner.email);
    await openConsultations();
    const invitation = page.getByTestId('current-consultations').getByRole('listitem').filter({ hasText: 'Invitation: your answer' });
    await invitation.getByRole('link').click();
    await page.getByTestId('invitation-answer').getByRole('button', { name: 'Decline' }).click();
    const dialog = page.getByRole('dialog', { name: 'Decline this invitation?' });
    await dialog.getByRole('button', { name: 'Decline the invitation' }).click();
    await page.getByRole('status').getByText('You declined the invitation.').waitFor();
    await shot('owner-declined');

    await signInAs(people.consultant.email);
    await openConsultations();
    await page.getByTestId('current-consultations').getByRole('listitem').first().waitFor();
    // Still only the accepted one.
    expect(await page.getByTestId('current-consultations').getByRole('listitem').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  });
});
