import { mkdirSync } from 'node:fs';
import type { PetView } from '@vetmeet/contracts';
import type { Page } from 'playwright-core';
import { MediaWorkerPool } from '../../apps/api/src/media/media-worker-pool';
import { registerAndSignIn, type SignedIn } from '../support/accounts';
import { expectNoAxeViolations } from '../support/accessibility';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { createClinicWithStaff } from '../support/clinics';
import { markEmailVerified } from '../support/consultations';
import { startCoturn, type Coturn } from '../support/coturn';
import { pngOfSize } from '../support/fake-files';
import { startTestApp, type TestApp } from '../support/test-app';
import { clearFrameBaselines, framesShown, moreFramesShown, readCall, signIn, trackWebSockets, type CallTestView, waitForCall, waitForMediaFromTheOtherSide } from './support/call-page';

const SCREENSHOTS = 'test-results/screenshots';
const TURN_SECRET = 'loopback-turn-secret-for-the-call-test';
const ROOM_PASSWORD = 'grey-heron-42';
const MEDIA_TIMEOUT_MS = 30_000;
/** A real PNG (the server sniffs the content), small enough to show at its own size in the chat. */
const PHOTO_WIDTH = 160;
const PHOTO_HEIGHT = 120;
const PHOTO = pngOfSize(PHOTO_WIDTH, PHOTO_HEIGHT);


/** Waits until the page consumes the other side's camera and microphone from producers it did not know before. */
const newRemoteProducers = (page: Page, before: string[]) =>
  page.waitForFunction(
    (known) => {
      const ids = (window as unknown as { __vetmeetCall?: CallTestView }).__vetmeetCall?.remoteProducerIds ?? [];
      return ids.length === 2 && ids.every((id) => !known.includes(id));
    },
    before,
    { timeout: MEDIA_TIMEOUT_MS },
  );

/** Counts camera and microphone requests, so the test can prove none happens before a click. */
async function countCameraRequests(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const counter = window as unknown as { __getUserMediaCalls: number };
    counter.__getUserMediaCalls = 0;
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (constraints) => {
      counter.__getUserMediaCalls += 1;
      return original(constraints);
    };
  });
}

/** Closes the page's open WebSockets (socket.io's too): to the page, the connection to the server dropped. */
const dropWebSockets = (page: Page) =>
  page.evaluate(() => {
    const open = (window as unknown as { __testWebSockets: WebSocket[] }).__testWebSockets.filter((socket) => socket.readyState === WebSocket.OPEN);
    for (const socket of open) socket.close();
    return open.length;
  });

const cameraRequests = (page: Page) => page.evaluate(() => (window as unknown as { __getUserMediaCalls: number }).__getUserMediaCalls);

describe('a consultation call between an owner and a vet, in two real Chromium browsers', () => {
  let coturn: Coturn;
  let testApp: TestApp;
  let ownerBrowser: TestBrowser;
  let vetBrowser: TestBrowser;
  let owner: Page;
  let vet: Page;
  let ownerAccount: SignedIn;
  let vetAccount: SignedIn;
  let consultationId: string;
  const ownerName = 'Maria Kovalenko';
  const vetName = 'Dr. Olena Shevchenko';
  const petName = 'Barsik';

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    coturn = await startCoturn({ secret: TURN_SECRET });
    testApp = await startTestApp({ TURN_URLS: coturn.urls.join(','), TURN_SECRET });
    [ownerAccount, vetAccount] = await Promise.all([
      registerAndSignIn(testApp.baseUrl, { displayName: ownerName, timeZone: 'Europe/Kyiv' }),
      registerAndSignIn(testApp.baseUrl, { displayName: vetName, country: 'PL', timeZone: 'Europe/Warsaw' }),
    ]);
    await createClinicWithStaff(testApp.database.url, 'Riverside Vets', [{ userId: vetAccount.session.account.id, role: 'consultant' }]);
    await markEmailVerified(testApp.database.url, ownerAccount.session.account.id);
    const pet = await ownerAccount.agent
      .post('/api/pets')
      .set('X-CSRF-Token', ownerAccount.session.csrfToken)
      .send({ name: petName, species: 'Cat', allergies: 'Chicken', medicalHistory: 'Neutered in 2023.' })
      .expect(201);
    expect((pet.body as PetView).name).toBe(petName);

    [ownerBrowser, vetBrowser] = await Promise.all([
      launchBrowser({ timezoneId: 'Europe/Kyiv', locale: 'en-GB' }),
      launchBrowser({ timezoneId: 'Europe/Warsaw', locale: 'en-GB' }),
    ]);
    owner = await ownerBrowser.context.newPage();
    vet = await vetBrowser.context.newPage();
    // A step that cannot happen fails in seconds, not after Playwright's default half minute.
    owner.setDefaultTimeout(20_000);
    vet.setDefaultTimeout(20_000);
    await countCameraRequests(owner);
    await countCameraRequests(vet);
    await trackWebSockets(owner);
  });
  afterAll(async () => {
    await ownerBrowser?.close();
    await vetBrowser?.close();
    await testApp?.close();
    await coturn?.stop();
  });

  it('lets the vet invite the owner to an on-demand consultation, answering a miss and a match alike', async () => {
    await signIn(vet, testApp.baseUrl, vetAccount.email);
    await vet.locator('header.site-header').getByRole('link', { name: 'Riverside Vets' }).click();
    await vet.getByRole('link', { name: 'Invite an owner to a consultation' }).click();
    await vet.getByRole('heading', { name: 'Invite an owner to a consultation' }).waitFor();

    await vet.getByRole('button', { name: 'Send the invitation' }).click();
    await vet.getByTestId('error-summary').getByText("Enter the owner's email address.").waitFor();

    // An owner with no pet of that name reads exactly like a match: only the owner's answer tells.
    for (const name of ['Murka', petName]) {
      await vet.getByLabel("Owner's email address", { exact: true }).fill(ownerAccount.email);
      await vet.getByLabel("Pet's name", { exact: true }).fill(name);
      await vet.getByLabel('Reason (optional)').fill('Sneezing for three days.');
      await vet.getByRole('button', { name: 'Send the invitation' }).click();
      await vet.getByRole('status').getByText(`Invitation sent if ${ownerAccount.email} has a pet named ${name} on Vetmeet.`, { exact: false }).waitFor();
    }
    await vet.screenshot({ path: `${SCREENSHOTS}/consultation-new-sent.png`, fullPage: true });
    await expectNoAxeViolations(vet, 'consultation-new-sent');
  });

  it('shows the owner the invitation in their list, lets them accept it and set a room password, then shows the vet the pet', async () => {
    await signIn(owner, testApp.baseUrl, ownerAccount.email);
    await owner.locator('header.site-header').getByRole('link', { name: 'Consultations' }).click();
    const card = owner.getByTestId('current-consultations').getByRole('listitem');
    await card.waitFor();
    const cardText = await card.innerText();
    expect(cardText).toContain(petName);
    expect(cardText).toContain(`with ${vetName}`);
    expect(cardText).toContain('Invitation: your answer');
    await owner.screenshot({ path: `${SCREENSHOTS}/consultations-owner.png`, fullPage: true });
    await expectNoAxeViolations(owner, 'consultations-owner');

    consultationId = (await card.getByRole('link').getAttribute('href'))!.split('/').pop()!;
    await card.getByRole('link').click();
    await owner.getByRole('heading', { name: `${petName} with ${vetName}` }).waitFor();
    await owner.getByTestId('invitation-answer').getByRole('button', { name: 'Accept the invitation' }).click();
    await owner.getByRole('status').getByText(`You accepted: ${vetName} now sees this consultation.`).waitFor();
    const passwordSection = owner.getByTestId('room-password');
    // The form is named after its heading, "Room password", too: the field is the input.
    await passwordSection.getByLabel('Room password', { exact: true }).and(owner.locator('input')).fill(ROOM_PASSWORD);
    await passwordSection.getByRole('button', { name: 'Set the password' }).click();
    await owner.getByRole('status').getByText('The room now asks for a password.').waitFor();
    await passwordSection.getByRole('button', { name: 'Remove the password' }).waitFor();
    await owner.screenshot({ path: `${SCREENSHOTS}/consultation-owner.png`, fullPage: true });

    // The vet sees the pet's record for this consultation, and the room is open (it starts now).
    await vet.goto(`${testApp.baseUrl}/consultations/${consultationId}`);
    await vet.getByRole('heading', { name: `${petName} with ${ownerName}` }).waitFor();
    await vet.getByTestId('consultation-pet').getByText('Neutered in 2023.').waitFor();
    await vet.getByTestId('join-room').getByRole('link', { name: 'Join the consultation' }).waitFor();
    await vet.screenshot({ path: `${SCREENSHOTS}/consultation-vet.png`, fullPage: true });
    await expectNoAxeViolations(vet, 'consultation-vet');
    await expectNoAxeViolations(owner, 'consultation-owner');
  });

  it('checks camera, microphone and connection only after a click, then waits to be let in', async () => {
    await owner.getByTestId('join-room').getByRole('link', { name: 'Join the consultation' }).click();
    const start = owner.getByRole('button', { name: 'Check camera, microphone and connection' });
    await start.waitFor();
    expect(await cameraRequests(owner)).toBe(0);

    await start.click();
    // The owner set a password, and the room asks everyone for it, the owner too.
    const prompt = owner.getByTestId('room-password-prompt');
    await prompt.getByLabel('Room password').fill(ROOM_PASSWORD);
    await prompt.getByRole('button', { name: 'Join with this password' }).click();
    await owner.getByTestId('check-relay').and(owner.locator('[data-verdict="ok"]')).waitFor({ timeout: 15_000 });
    expect(await owner.getByTestId('check-relay').innerText()).toContain('Reachable');
    expect(await owner.getByTestId('check-server').innerText()).toMatch(/answered in \d+ ms/);
    await owner.getByLabel('Camera', { exact: true }).waitFor();
    expect(await owner.getByLabel('Camera', { exact: true }).locator('option').count()).toBeGreaterThan(0);
    // The fake microphone beeps: the meter moves.
    await owner.waitForFunction(() => Number(document.querySelector('[data-testid="mic-level"]')?.getAttribute('data-level')) > 0, undefined, { timeout: 10_000 });
    expect(await cameraRequests(owner)).toBe(1);
    await owner.screenshot({ path: `${SCREENSHOTS}/call-precall-owner.png`, fullPage: true });
    await expectNoAxeViolations(owner, 'call-precall-owner');

    await owner.getByRole('button', { name: 'Go to the waiting room' }).click();
    await owner.getByRole('heading', { name: `Waiting for ${vetName} to let you in` }).waitFor();
    await owner.getByTestId('presence').getByText(`${vetName} has not joined yet.`).waitFor();
    await owner.screenshot({ path: `${SCREENSHOTS}/call-waiting-room-owner.png`, fullPage: true });
    await expectNoAxeViolations(owner, 'call-waiting-room-owner');
  });

  it('lets the vet in with the password and shows them the owner waiting, with Admit', async () => {
    await vet.getByTestId('join-room').getByRole('link', { name: 'Join the consultation' }).click();
    await vet.getByRole('button', { name: 'Check camera, microphone and connection' }).click();
    const prompt = vet.getByTestId('room-password-prompt');
    await prompt.getByLabel('Room password').fill('not-the-password');
    await prompt.getByRole('button', { name: 'Join with this password' }).click();
    await vet.getByTestId('error-summary').getByText('That room password is not right.', { exact: false }).waitFor();
    await vet.screenshot({ path: `${SCREENSHOTS}/call-precall-wrong-password.png`, fullPage: true });
    await expectNoAxeViolations(vet, 'call-precall-wrong-password');
    await prompt.getByLabel('Room password').fill(ROOM_PASSWORD);
    await prompt.getByRole('button', { name: 'Join with this password' }).click();

    await vet.getByTestId('admit-banner').getByText(`${ownerName} is in the waiting room.`).waitFor();
    await owner.getByTestId('presence').getByText(`${vetName} is in the room.`).waitFor();
    await vet.getByRole('button', { name: 'Join now' }).click();
    await vet.getByTestId('call-view').waitFor();
    await vet.getByTestId('remote-camera').getByText(`${ownerName} is in the waiting room.`).waitFor();
    await vet.screenshot({ path: `${SCREENSHOTS}/call-vet-admit.png`, fullPage: true });
    await expectNoAxeViolations(vet, 'call-vet-admit');
  });

  it('connects both sides once admitted: each decodes the other’s video and receives their sound', async () => {
    await vet.getByTestId('admit-banner').getByRole('button', { name: `Admit ${ownerName}` }).click();
    await owner.getByTestId('call-view').waitFor();
    await vet.getByTestId('admit-banner').waitFor({ state: 'detached' });

    const [ownerCall, vetCall] = await Promise.all([waitForMediaFromTheOtherSide(owner, MEDIA_TIMEOUT_MS), waitForMediaFromTheOtherSide(vet, MEDIA_TIMEOUT_MS)]);
    expect(ownerCall.remoteKinds.sort()).toEqual(['camera:video', 'microphone:audio']);
    expect(vetCall.remoteKinds.sort()).toEqual(['camera:video', 'microphone:audio']);
    expect(ownerCall.remoteVideoWidth).toBeGreaterThan(0);
    // The video elements themselves show frames, not only the receivers' counters.
    expect(await framesShown(owner, 'remote-camera-video')).toBeGreaterThan(0);
    expect(await framesShown(vet, 'remote-camera-video')).toBeGreaterThan(0);
    // Not recorded: no indicator at all (recording-controls.spec.ts shows it while recording).
    expect(await owner.getByTestId('recording-indicator').count()).toBe(0);
    await owner.getByTestId('network-quality').waitFor();
    await Promise.all([
      owner.screenshot({ path: `${SCREENSHOTS}/call-owner.png`, fullPage: true }),
      vet.screenshot({ path: `${SCREENSHOTS}/call-vet.png`, fullPage: true }),
    ]);
    await expectNoAxeViolations(owner, 'call-owner');
    await expectNoAxeViolations(vet, 'call-vet');
  });

  it('shows the vet the reason for the visit and the pet’s record beside the call, buttons on one row', async () => {
    const brief = vet.getByTestId('call-brief');
    expect(await brief.getByTestId('call-brief-reason').innerText()).toBe('Sneezing for three days.');
    await brief.getByTestId('pet-details').getByText('Neutered in 2023.').waitFor();
    expect(await brief.getByTestId('pet-details').innerText()).toContain('Chicken');
    // Beside the video on a laptop, not below it.
    const [stage, side] = await Promise.all([vet.getByTestId('call-stage').boundingBox(), brief.boundingBox()]);
    expect(side!.x).toBeGreaterThan(stage!.x + stage!.width);
    expect(side!.y).toBeLessThan(stage!.y + stage!.height);
    // The owner is not shown a brief of their own consultation.
    expect(await owner.getByTestId('call-brief').count()).toBe(0);

    /** The distinct rows the consultant's call buttons sit on, and how far the page scrolls sideways. */
    const controlsLayout = () =>
      vet.evaluate(() => {
        const buttons = [...document.querySelectorAll<HTMLElement>('.call-controls button')];
        const tops = new Set(buttons.map((button) => Math.round(button.getBoundingClientRect().top)));
        const sideways = document.documentElement.scrollWidth - window.innerWidth;
        return { rows: tops.size, buttons: buttons.length, sideways };
      });
    const laptops = [{ width: 1280, height: 800 }, { width: 1440, height: 900 }, { width: 1920, height: 1080 }];
    for (const viewport of laptops) {
      await vet.setViewportSize(viewport);
      expect({ ...viewport, ...(await controlsLayout()) }).toEqual({ ...viewport, rows: 1, buttons: 7, sideways: 0 });
    }
    // On a phone they wrap onto rows of their own, within the screen, and the brief follows the call.
    await vet.setViewportSize({ width: 390, height: 844 });
    const phone = await controlsLayout();
    expect(phone.rows).toBeGreaterThan(1);
    expect(phone.sideways).toBe(0);
    await vet.screenshot({ path: `${SCREENSHOTS}/call-vet-phone.png`, fullPage: true });
    await expectNoAxeViolations(vet, 'call-vet-phone');
    await vet.setViewportSize({ width: 1280, height: 800 });
  });

  it('receives the simulcast layer that fits the tile: 640 pixels wide on a laptop, 320 on a phone', async () => {
    const receivedWidth = (width: number) =>
      owner.waitForFunction((expected) => (window as unknown as { __vetmeetCall?: CallTestView }).__vetmeetCall?.remoteVideoWidth === expected, width, {
        timeout: MEDIA_TIMEOUT_MS,
      });
    // The stage is about 450 pixels high here: the middle layer (640×360) is the one worth receiving.
    await receivedWidth(640);
    await owner.setViewportSize({ width: 390, height: 844 });
    await receivedWidth(320);
    await owner.screenshot({ path: `${SCREENSHOTS}/call-owner-phone.png`, fullPage: true });
    await expectNoAxeViolations(owner, 'call-owner-phone');
    await owner.setViewportSize({ width: 1280, height: 800 });
    await receivedWidth(640);
  });

  it('shows the other side when the owner mutes and turns the camera off, and when the vet locks the room', async () => {
    await owner.getByRole('button', { name: 'Mute' }).click();
    await vet.getByTestId('remote-camera-muted').waitFor();
    await owner.getByRole('button', { name: 'Turn camera off' }).click();
    await vet.getByTestId('remote-camera').getByText(`${ownerName} turned the camera off.`).waitFor();
    await owner.getByTestId('self-view').getByText('Your camera is off').waitFor();
    await vet.screenshot({ path: `${SCREENSHOTS}/call-vet-owner-muted.png`, fullPage: true });
    await expectNoAxeViolations(vet, 'call-vet-owner-muted');

    await owner.getByRole('button', { name: 'Unmute' }).click();
    await owner.getByRole('button', { name: 'Turn camera on' }).click();
    await vet.getByTestId('remote-camera-muted').waitFor({ state: 'detached' });
    await vet.getByTestId('remote-camera').getByText(`${ownerName} turned the camera off.`).waitFor({ state: 'detached' });

    await vet.getByRole('button', { name: 'Lock room' }).click();
    await owner.getByTestId('room-locked').waitFor();
    await vet.getByRole('button', { name: 'Unlock room' }).click();
    await owner.getByTestId('room-locked').waitFor({ state: 'detached' });
  });

  it('switches the owner to another camera and microphone mid-call: the same producers carry them, and the vet keeps seeing and hearing', async () => {
    const before = (await readCall(vet))!;
    const selfViewCamera = () =>
      owner.getByTestId('self-view').locator('video').evaluate((video: HTMLVideoElement) => (video.srcObject as MediaStream | null)?.getVideoTracks()[0]?.label);
    expect(await selfViewCamera()).toBe('fake_device_0');
    await owner.getByRole('button', { name: 'Devices' }).click();
    const devices = owner.getByRole('group', { name: 'Camera and microphone' });
    /** Chooses a device and waits for the switch to end; a failed one would show an alert and fall back to the old device. */
    const switchTo = async (kind: 'Camera' | 'Microphone', label: string) => {
      const select = devices.getByLabel(kind, { exact: true });
      await select.selectOption({ label });
      await owner.waitForFunction((element) => !(element as HTMLSelectElement).disabled, await select.elementHandle());
      expect(await devices.getByRole('alert').count()).toBe(0);
      expect(await select.evaluate((element: HTMLSelectElement) => element.selectedOptions[0]?.textContent)).toBe(label);
    };
    await switchTo('Camera', 'fake_device_2');
    expect(await selfViewCamera()).toBe('fake_device_2');
    await switchTo('Microphone', 'Fake Audio Input 1');
    await owner.screenshot({ path: `${SCREENSHOTS}/call-owner-devices.png`, fullPage: true });
    await expectNoAxeViolations(owner, 'call-owner-devices');

    // The old camera and microphone were turned off once the switches succeeded: only the new tracks, through the same producers, can still reach the vet.
    await owner.waitForTimeout(1_000);
    await clearFrameBaselines(vet);
    const audioBefore = (await readCall(vet))!.audioPacketsReceived;
    await moreFramesShown(vet, 'remote-camera-video', MEDIA_TIMEOUT_MS);
    await vet.waitForFunction((packets) => ((window as unknown as { __vetmeetCall?: CallTestView }).__vetmeetCall?.audioPacketsReceived ?? 0) > packets + 20, audioBefore, {
      timeout: MEDIA_TIMEOUT_MS,
    });
    expect((await readCall(vet))!.remoteProducerIds.sort()).toEqual([...before.remoteProducerIds].sort());
    await owner.getByRole('button', { name: 'Devices' }).click();
    await devices.waitFor({ state: 'detached' });
  });

  it('recovers by itself when the owner’s connection to the server drops', async () => {
    const ownerProducersBefore = (await readCall(vet))!.remoteProducerIds;
    const bannerShown = owner.getByTestId('reconnecting').waitFor();
    expect(await dropWebSockets(owner)).toBeGreaterThan(0);
    await bannerShown;
    // Back without a click: joined again, new transports, the vet's media consumed again, and the owner's produced anew.
    await owner.getByTestId('reconnecting').waitFor({ state: 'detached', timeout: MEDIA_TIMEOUT_MS });
    await waitForMediaFromTheOtherSide(owner, MEDIA_TIMEOUT_MS);
    // Frame and packet counts carry over from before the drop: wait for the consumers made anew.
    const bothKinds = (call: CallTestView) => [...call.remoteKinds].sort().join() === 'camera:video,microphone:audio';
    const ownerCall = await waitForCall(owner, bothKinds, undefined, MEDIA_TIMEOUT_MS);
    expect(ownerCall.signaling).toBe('connected');
    await newRemoteProducers(vet, ownerProducersBefore);
    await Promise.all([clearFrameBaselines(owner), clearFrameBaselines(vet)]);
    await Promise.all([moreFramesShown(owner, 'remote-camera-video', MEDIA_TIMEOUT_MS), moreFramesShown(vet, 'remote-camera-video', MEDIA_TIMEOUT_MS)]);
  });

  it('moves the call to a new media worker by itself when the room’s worker dies', async () => {
    const [ownerBefore, vetBefore] = await Promise.all([readCall(owner), readCall(vet)]);
    const pool = testApp.app.get(MediaWorkerPool);
    const [victim] = pool.status().pids;
    process.kill(victim, 'SIGKILL');
    // room:mediaReset: both drop their transports and produce and consume again on the new router, on the same sockets.
    await Promise.all([newRemoteProducers(owner, ownerBefore!.remoteProducerIds), newRemoteProducers(vet, vetBefore!.remoteProducerIds)]);
    expect(pool.status().pids).not.toContain(victim);
    await Promise.all([clearFrameBaselines(owner), clearFrameBaselines(vet)]);
    await Promise.all([moreFramesShown(owner, 'remote-camera-video', MEDIA_TIMEOUT_MS), moreFramesShown(vet, 'remote-camera-video', MEDIA_TIMEOUT_MS)]);
    expect((await readCall(owner))!.signaling).toBe('connected');
  });

  it('carries chat both ways and shares a file', async () => {
    const ownerChat = owner.getByTestId('call-chat');
    const vetChat = vet.getByTestId('call-chat');
    await ownerChat.getByRole('textbox', { name: 'Message' }).fill('Hello, Barsik has been sneezing since Friday.');
    await ownerChat.getByRole('button', { name: 'Send' }).click();
    await vetChat.getByText('Hello, Barsik has been sneezing since Friday.').waitFor();
    await vetChat.getByRole('textbox', { name: 'Message' }).fill('Thank you. Could you show me his nose?');
    await vetChat.getByRole('button', { name: 'Send' }).click();
    await ownerChat.getByText('Thank you. Could you show me his nose?').waitFor();

    // The vet's browser loads the picture from our own origin, decrypted, and may not keep it.
    const fileUrl = /\/api\/consultations\/[^/]+\/files\/[^/]+$/;
    const pictureLoaded = vet.waitForResponse((response) => fileUrl.test(new URL(response.url()).pathname));
    const photo = { name: 'barsik-nose.png', mimeType: 'image/png', buffer: PHOTO };
    await ownerChat.locator('input[type="file"]').setInputFiles(photo);
    await vetChat.getByRole('link', { name: 'barsik-nose.png', exact: true }).waitFor();
    await ownerChat.getByRole('link', { name: 'barsik-nose.png', exact: true }).waitFor();
    expect(await vetChat.getByTestId('chat-message').count()).toBe(3);

    // A thumbnail, not only a link: the picture at its own size and proportions, named by its file.
    const response = await pictureLoaded;
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toContain('no-store');
    const picture = vetChat.getByRole('img', { name: 'Photo: barsik-nose.png' });
    await picture.waitFor();
    await vet.waitForFunction(() => document.querySelector<HTMLImageElement>('.chat-picture-image')?.complete === true);
    const shown = await picture.evaluate((image: HTMLImageElement) => ({
      natural: [image.naturalWidth, image.naturalHeight],
      ratio: Math.round((image.clientWidth / image.clientHeight) * 100) / 100,
      src: new URL(image.src).origin === window.location.origin,
    }));
    const ratio = Math.round((PHOTO_WIDTH / PHOTO_HEIGHT) * 100) / 100;
    expect(shown).toEqual({ natural: [PHOTO_WIDTH, PHOTO_HEIGHT], ratio, src: true });
    // Clicking it opens the full picture.
    expect(await vetChat.getByRole('link', { name: /^Photo: barsik-nose\.png/ }).getAttribute('target')).toBe('_blank');
    await Promise.all([
      owner.screenshot({ path: `${SCREENSHOTS}/call-chat-owner.png`, fullPage: true }),
      vet.screenshot({ path: `${SCREENSHOTS}/call-chat-vet.png`, fullPage: true }),
    ]);
    await expectNoAxeViolations(owner, 'call-chat-owner');
    await expectNoAxeViolations(vet, 'call-chat-vet');
  });

  it('ends the consultation for both, and keeps the chat and the file with it', async () => {
    await vet.getByRole('button', { name: 'End consultation' }).click();
    await vet.getByRole('dialog', { name: 'End the consultation?' }).waitFor();
    await expectNoAxeViolations(vet, 'call-end-dialog');
    await vet.getByRole('dialog', { name: 'End the consultation?' }).getByRole('button', { name: 'End consultation' }).click();
    await Promise.all([vet.getByTestId('call-ended').waitFor(), owner.getByTestId('call-ended').waitFor()]);
    expect(await owner.getByTestId('call-ended').innerText()).toContain('The consultation has ended.');
    expect(await owner.getByTestId('call-duration').innerText()).toMatch(/You were in the call for \d+/);
    await Promise.all([
      owner.screenshot({ path: `${SCREENSHOTS}/call-ended-owner.png`, fullPage: true }),
      vet.screenshot({ path: `${SCREENSHOTS}/call-ended-vet.png`, fullPage: true }),
    ]);
    await expectNoAxeViolations(owner, 'call-ended-owner');
    await expectNoAxeViolations(vet, 'call-ended-vet');

    await owner.getByRole('link', { name: 'Back to the consultation' }).click();
    await owner.getByTestId('consultation-status').getByText('Ended').waitFor();
    const conversation = owner.getByTestId('conversation');
    await conversation.getByText('Thank you. Could you show me his nose?').waitFor();
    const download = conversation.getByRole('link', { name: 'barsik-nose.png', exact: true });
    const href = await download.getAttribute('href');
    expect(await owner.evaluate(async (url) => (await fetch(url!)).status, href)).toBe(200);
    expect(await owner.getByTestId('join-room').innerText()).toContain('This consultation is over');
    await owner.screenshot({ path: `${SCREENSHOTS}/consultation-after-call.png`, fullPage: true });
    await expectNoAxeViolations(owner, 'consultation-after-call');
  });
});
