import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import permissionsPolicy from 'permissions-policy';
import { routedPathOf } from './request-path';

type Middleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;
type Directives = NonNullable<Extract<HelmetOptions['contentSecurityPolicy'], object>['directives']>;

/**
 * What a response is, for its headers: a page of the web client, the one page that takes a
 * card, the API's description, or data (JSON, files, /health, /metrics, socket.io), which
 * is never a document and so may load and run nothing.
 */
export type PolicyKind = 'page' | 'payment-page' | 'api-docs' | 'data';

/** The web client's payment step; the only document that loads Stripe. */
export const PAYMENT_PAGE_PATH = /^\/bookings\/[^/]+\/pay\/?$/;
const API_DOCS_PATH = /^\/api\/docs(\/|$)/;
const DATA_PATH = /^\/(api|health|metrics|socket\.io)(\/|$)/;

export function policyKindOf(path: string): PolicyKind {
  if (PAYMENT_PAGE_PATH.test(path)) return 'payment-page';
  if (API_DOCS_PATH.test(path)) return 'api-docs';
  return DATA_PATH.test(path) ? 'data' : 'page';
}

// Stripe.js and its frames, as Stripe's integration security guide lists them.
const STRIPE_SCRIPTS = ['https://js.stripe.com', 'https://*.js.stripe.com'];
const STRIPE_FRAMES = [...STRIPE_SCRIPTS, 'https://hooks.stripe.com'];
const STRIPE_API = 'https://api.stripe.com';

const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * socket.io's WebSocket to this same host. CSP Level 3 lets 'self' cover it, but older
 * browsers (Safari before 15.4) need the ws:/wss: origin named. A Host that is not a plain
 * host name adds nothing, so no header text of the caller's reaches the policy.
 */
function ownWebSocketOrigin(request: IncomingMessage): string {
  const host = request.headers.host ?? '';
  if (!HOST.test(host)) return "'self'";
  return `${(request as Partial<Request>).protocol === 'https' ? 'wss' : 'ws'}://${host}`;
}

/**
 * Pages: scripts, styles, fonts and requests from our own origin only (no inline script or
 * style element, no eval); images and media also from data: and blob: URLs (the QR code of
 * the authenticator set-up, the favicon, thumbnails made in the page). No plug-ins, no
 * <base>, forms post only to us, no frames inside and nobody may frame us (clickjacking of
 * a page that holds the camera).
 */
function pageDirectives(production: boolean): Directives {
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    mediaSrc: ["'self'", 'blob:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'", ownWebSocketOrigin],
    frameSrc: ["'none'"],
    workerSrc: ["'self'"],
    manifestSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    // Over plain http (development, tests) an upgrade would break every request.
    upgradeInsecureRequests: production ? [] : null,
  };
}

function directivesFor(kind: PolicyKind, production: boolean): Directives {
  const page = pageDirectives(production);
  switch (kind) {
    case 'page':
      return page;
    case 'payment-page':
      // Stripe's Payment Element: its script, its frames (card fields, 3-D Secure) and its API.
      return {
        ...page,
        scriptSrc: ["'self'", ...STRIPE_SCRIPTS],
        frameSrc: STRIPE_FRAMES,
        connectSrc: ["'self'", ownWebSocketOrigin, STRIPE_API],
      };
    case 'api-docs':
      // Swagger UI's page carries <style> elements and style attributes; its scripts are files of ours.
      return { ...page, styleSrc: ["'self'", "'unsafe-inline'"] };
    case 'data':
      return { defaultSrc: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"], frameAncestors: ["'none'"] };
  }
}

/**
 * Camera, microphone and screen sharing for our own pages only (the call), never for a frame
 * of another origin; the rest a health product has no use for is switched off. The payment
 * page lets Stripe's frame ask for the Payment Request API (wallets such as Apple Pay).
 */
function permissionsFor(kind: PolicyKind): Record<string, string[]> {
  return {
    camera: ['self'],
    microphone: ['self'],
    displayCapture: ['self'],
    fullscreen: ['self'],
    pictureInPicture: ['self'],
    autoplay: ['self'],
    payment: kind === 'payment-page' ? ['self', '"https://js.stripe.com"'] : [],
    geolocation: [],
    usb: [],
    serial: [],
    hid: [],
    bluetooth: [],
    midi: [],
    accelerometer: [],
    gyroscope: [],
    magnetometer: [],
    xrSpatialTracking: [],
    publickeyCredentialsGet: [],
    idleDetection: [],
    browsingTopics: [],
  };
}

/** Answers about people (a session with its CSRF token, records) stay out of every cache; a route may say otherwise. */
const noStore: Middleware = (_request, response, next) => {
  response.setHeader('Cache-Control', 'no-store');
  next();
};

function middlewareFor(kind: PolicyKind, production: boolean): Middleware[] {
  return [
    ...(kind === 'data' ? [noStore] : []),
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: directivesFor(kind, production) },
      // No cross-origin isolation (COEP): Stripe.js does not support it.
      crossOriginEmbedderPolicy: false,
      // Our pages open no window that needs a handle on them, and no other site's window gets one.
      crossOriginOpenerPolicy: { policy: 'same-origin' },
      // Files and JSON of ours are for our own pages; another site cannot even embed them as images.
      crossOriginResourcePolicy: { policy: 'same-origin' },
      // A page's address names bookings, pets and consultations: it leaves with no link and no request.
      // Stripe's frames are told our origin, never a path, on the payment page.
      referrerPolicy: { policy: kind === 'payment-page' ? 'strict-origin' : 'no-referrer' },
      // Over https only, and only where that is certain: production demands https (PUBLIC_URL).
      strictTransportSecurity: production ? { maxAge: 365 * 24 * 60 * 60, includeSubDomains: true } : false,
      xFrameOptions: { action: 'deny' },
    }),
    permissionsPolicy({ features: permissionsFor(kind) }),
  ];
}

/**
 * The security headers of every response, chosen by the path's kind. Set before any route
 * runs, so a route may still set its own (a download's sandboxed policy, the development
 * mailbox's). Works on a bare Node request too: socket.io's HTTP answers get the same.
 */
export function securityHeaders({ production }: { production: boolean }): Middleware {
  const kinds: PolicyKind[] = ['page', 'payment-page', 'api-docs', 'data'];
  const byKind = new Map(kinds.map((kind) => [kind, middlewareFor(kind, production)]));
  return (request, response, next) => {
    const path = routedPathOf(request.url);
    const steps = byKind.get(policyKindOf(path)) ?? [];
    let index = 0;
    const step = (error?: unknown): void => {
      if (error !== undefined || index === steps.length) return next(error);
      steps[index++](request, response, step);
    };
    step();
  };
}
