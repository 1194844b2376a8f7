import type { Page } from 'playwright-core';
import { STRONG_PASSWORD } from '../../support/accounts';

/**
 * Helpers for browser tests of the consultation room: what the room page publishes for
 * tests (apps/web/src/rooms/call-test-view.ts, `window.__vetmeetCall`), what its <video>
 * elements show, and its WebSockets.
 */

/** The room page's test view; keep in step with apps/web/src/rooms/call-test-view.ts. */
export interface CallTestView {
  phase: string;
  admitted: boolean;
  media: string;
  signaling: string;
  quality: string;
  remoteKinds: string[];
  remoteProducerIds: string[];
  videoFramesDecoded: number;
  audioPacketsReceived: number;
  remoteVideoWidth: number;
  chatMessages: number;
  iceRestarts: number;
  mediaRebuilds: number;
  error?: { code: string; message: string };
}

export const readCall = async (page: Page): Promise<CallTestView> => {
  const call = await page.evaluate(() => (window as unknown as { __vetmeetCall?: CallTestView }).__vetmeetCall);
  if (!call) throw new Error('the page publishes no call view');
  return call;
};

/**
 * Waits until the page's call view satisfies `predicate`, read every 100 ms, and returns that
 * view. The predicate runs here, on the view the page published: the page's policy allows no
 * eval, so a predicate cannot be sent into it as text.
 */
export async function waitForCall<A>(page: Page, predicate: (call: CallTestView, arg: A) => boolean, arg: A, timeout: number): Promise<CallTestView> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const call = await page.evaluate(() => (window as unknown as { __vetmeetCall?: CallTestView }).__vetmeetCall);
    if (call !== undefined && predicate(call, arg)) return call;
    if (Date.now() > deadline) {
      throw new Error(`waitForCall: not satisfied within ${timeout} ms; the call view: ${JSON.stringify(call)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until the call is live with the other side's video decoded and sound arriving, or has failed (then fails the test with its error). */
export async function waitForMediaFromTheOtherSide(page: Page, timeout = 30_000): Promise<CallTestView> {
  await page.waitForFunction(
    () => {
      const call = (window as unknown as { __vetmeetCall?: CallTestView }).__vetmeetCall;
      return call?.phase === 'failed' || (call?.phase === 'live' && call.videoFramesDecoded > 10 && call.audioPacketsReceived > 0);
    },
    undefined,
    { timeout },
  );
  const call = await readCall(page);
  expect(call.error).toBeUndefined();
  return call;
}

/** Frames the <video> element itself has presented: what the person actually sees (-1 without one). */
export const framesShown = (page: Page, testId: string): Promise<number> =>
  page.evaluate((id) => {
    const video = document.querySelector<HTMLVideoElement>(`[data-testid="${id}"]`);
    return video ? video.getVideoPlaybackQuality().totalVideoFrames : -1;
  }, testId);

/**
 * Waits until the <video> shows `count` more frames than when the wait began. A video
 * element replaced meanwhile (a new consumer) counts from its own start.
 */
export const moreFramesShown = (page: Page, testId: string, timeout: number, count = 10) =>
  page.waitForFunction(
    ({ id, count }) => {
      const video = document.querySelector<HTMLVideoElement>(`[data-testid="${id}"]`);
      if (!video) return false;
      const baselines = ((window as unknown as { __frameBaselines?: WeakMap<HTMLVideoElement, number> }).__frameBaselines ??= new WeakMap());
      const frames = video.getVideoPlaybackQuality().totalVideoFrames;
      const baseline = baselines.get(video);
      if (baseline === undefined || frames < baseline) {
        baselines.set(video, frames);
        return false;
      }
      return frames >= baseline + count;
    },
    { id: testId, count },
    { timeout },
  );

/** Forgets moreFramesShown's starting points, so the next wait counts from now. */
export const clearFrameBaselines = (page: Page) => page.evaluate(() => delete (window as unknown as { __frameBaselines?: unknown }).__frameBaselines);

/** Keeps every WebSocket the page opens, so a test can tell whether any was opened again or closed. */
export async function trackWebSockets(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const opened: WebSocket[] = [];
    (window as unknown as { __testWebSockets: WebSocket[] }).__testWebSockets = opened;
    const Original = window.WebSocket;
    window.WebSocket = class extends Original {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        opened.push(this);
      }
    };
  });
}

/** How many WebSockets the page has opened since it loaded, and how many of them are open now. */
export const webSocketCounts = (page: Page): Promise<{ opened: number; open: number }> =>
  page.evaluate(() => {
    const sockets = (window as unknown as { __testWebSockets: WebSocket[] }).__testWebSockets;
    return { opened: sockets.length, open: sockets.filter((socket) => socket.readyState === WebSocket.OPEN).length };
  });

export async function signIn(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(STRONG_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/pets');
}
