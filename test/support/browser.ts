import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's Chromium, installed by `npm test`'s bootstrap; Playwright never downloads a browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // The machines reach no network but the package registries: stop Chromium calling home.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // A synthetic camera and microphone, and "allow" for the permission prompt.
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  // Lets WebRTC use 127.0.0.1 candidates, which is where the test SFU listens.
  '--allow-loopback-in-peer-connection',
];

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export interface BrowserOptions {
  /** The IANA zone the page sees (Intl, Date), e.g. Europe/Kyiv; the machine's own by default. */
  timezoneId?: string;
  /** navigator.language and Intl's default locale, e.g. en-GB. */
  locale?: string;
  viewport?: { width: number; height: number };
}

/** A headless Chromium with a fresh profile, so no state leaks between tests. */
export async function launchBrowser(options: BrowserOptions = {}): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'vetmeet-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    timezoneId: options.timezoneId,
    locale: options.locale,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
