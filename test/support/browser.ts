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
  // Synthetic cameras and microphones, and "allow" for the permission prompt. Three cameras so a
  // call can switch between two it can send: Chromium's second fake camera is a Y16 depth camera,
  // whose frames WebRTC cannot encode; the first is I420 and the third MJPEG.
  '--use-fake-device-for-media-stream=device-count=3',
  '--use-fake-ui-for-media-stream',
  // Lets WebRTC use 127.0.0.1 candidates, which is where the test SFU listens.
  '--allow-loopback-in-peer-connection',
];

export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** What a page reported when its Content-Security-Policy blocked something. */
export interface CspViolation {
  page: string;
  directive: string;
  blocked: string;
  source: string;
}

const CSP_VIOLATION_BINDING = '__vetmeetCspViolation';

/** Violations reported by any page of any browser this test file launched, not yet checked. */
const cspViolations: CspViolation[] = [];

/**
 * Every page, in every frame, reports what its Content-Security-Policy blocked. The init
 * script runs before the page's own scripts and is not itself subject to the policy.
 */
async function reportCspViolations(context: BrowserContext): Promise<void> {
  await context.exposeBinding(CSP_VIOLATION_BINDING, ({ frame }, violation: Omit<CspViolation, 'page'>) => {
    cspViolations.push({ page: frame.url(), ...violation });
  });
  // A string, not a function: this file is also compiled without the DOM's types (the benches use it).
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) => {
      window.${CSP_VIOLATION_BINDING}({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: event.sourceFile + ':' + event.lineNumber,
      });
    });`,
  });
}

/** The CSP violations reported since the last call; every browser test fails on any (see the afterEach below). */
export function takeCspViolations(): CspViolation[] {
  return cspViolations.splice(0);
}

// The browser suites run under the server's real policy: a test after which any page reported a
// violation fails, naming what was blocked where. (Outside Jest, e.g. a bench, nothing is checked.)
if (typeof afterEach === 'function') {
  afterEach(() => {
    const violations = takeCspViolations();
    if (violations.length > 0) {
      const lines = violations.map((v) => `${v.directive} blocked ${v.blocked} at ${v.source} on ${v.page}`);
      throw new Error(`Content-Security-Policy violations:\n${lines.join('\n')}`);
    }
  });
}

export interface BrowserOptions {
  /** The IANA zone the page sees (Intl, Date), e.g. Europe/Kyiv; the machine's own by default. */
  timezoneId?: string;
  /** navigator.language and Intl's default locale, e.g. en-GB. */
  locale?: string;
  viewport?: { width: number; height: number };
  /**
   * Screen sharing of a real tab: getDisplayMedia picks, with no picker, the tab of this
   * browser whose title contains this text (open it before the share).
   *
   * Without it getDisplayMedia still answers, but with the fake capture device's synthetic
   * "screen" (a 1280×720 test pattern), since the default fake UI accepts every request and
   * the fake device stands in for the screen. That fake UI also overrides the tab choice
   * (Chromium 156), so here it is left out and the camera and microphone are granted as
   * permissions instead; the fake devices stay. Headless Chromium has no desktop to capture:
   * `--auto-select-desktop-capture-source=Entire screen` never answers, and the fake UI
   * without the fake device fails with "NotReadableError: Could not start video source".
   * Chromium selects a tab only for a call made from a user gesture (a click), as the page's
   * "Share screen" button does.
   */
  shareTabTitled?: string;
}

const tabSharingArgs = (title: string): string[] => [
  ...CHROMIUM_ARGS.filter((arg) => arg !== '--use-fake-ui-for-media-stream'),
  `--auto-select-tab-capture-source-by-title=${title}`,
];

/** A headless Chromium with a fresh profile, so no state leaks between tests. */
export async function launchBrowser(options: BrowserOptions = {}): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'vetmeet-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: options.shareTabTitled ? tabSharingArgs(options.shareTabTitled) : CHROMIUM_ARGS,
    // Granted up front where the fake UI does not answer the camera and microphone prompt.
    permissions: options.shareTabTitled ? ['camera', 'microphone'] : undefined,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    timezoneId: options.timezoneId,
    locale: options.locale,
  });
  await reportCspViolations(context);
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
