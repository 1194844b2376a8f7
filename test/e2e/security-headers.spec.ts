import { readFileSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import type { AttachmentView, PetView } from '@vetmeet/contracts';
import request, { type Response } from 'supertest';
import { registerAndSignIn, type SignedIn } from '../support/accounts';
import { startTestApp, type TestApp } from '../support/test-app';

const PNG = readFileSync(join(__dirname, '../fixtures/attachments/photo.png'));

/** A Content-Security-Policy header as directive name → its values. */
function directives(response: Response): Map<string, string[]> {
  const header = response.headers['content-security-policy'] as string | undefined;
  expect(header).toBeDefined();
  return new Map(
    (header ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...values]) => [name, values]),
  );
}

/** What every response carries, whatever it is. */
function expectCommonHeaders(response: Response): void {
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['x-frame-options']).toBe('DENY');
  expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
  expect(response.headers['permissions-policy']).toMatch(/(^|, )camera=\(self\)/);
  expect(response.headers['permissions-policy']).toMatch(/(^|, )microphone=\(self\)/);
  expect(response.headers['permissions-policy']).toMatch(/(^|, )display-capture=\(self\)/);
  expect(response.headers['permissions-policy']).toMatch(/(^|, )geolocation=\(\)/);
  expect(response.headers['permissions-policy']).toMatch(/(^|, )usb=\(\)/);
  expect(directives(response).get('frame-ancestors')).toEqual(["'none'"]);
  // Not production: over plain http, HSTS would be wrong (see the unit test of the policy for production).
  expect(response.headers['strict-transport-security']).toBeUndefined();
  expect(response.headers['x-powered-by']).toBeUndefined();
}

/** A document of the web client: our scripts only, nothing inline, nothing framed, no Stripe. */
function expectPagePolicy(response: Response, testApp: TestApp): void {
  expectCommonHeaders(response);
  const csp = directives(response);
  expect(csp.get('default-src')).toEqual(["'self'"]);
  expect(csp.get('script-src')).toEqual(["'self'"]);
  expect(csp.get('style-src')).toEqual(["'self'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('base-uri')).toEqual(["'none'"]);
  expect(csp.get('form-action')).toEqual(["'self'"]);
  expect(csp.get('frame-src')).toEqual(["'none'"]);
  expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  expect(csp.get('media-src')).toEqual(["'self'", 'blob:']);
  expect(csp.get('connect-src')).toEqual(["'self'", `ws://${new URL(testApp.baseUrl).host}`]);
  expect(response.headers['content-security-policy']).not.toContain('stripe');
  expect(response.headers['content-security-policy']).not.toContain('unsafe');
  expect(response.headers['referrer-policy']).toBe('no-referrer');
  expect(response.headers['permissions-policy']).toMatch(/(^|, )payment=\(\)/);
}

/** Data (JSON, files, operations, socket.io): nothing may load or run in it, and nothing is cached. */
function expectDataPolicy(response: Response): void {
  expectCommonHeaders(response);
  expect(directives(response).get('default-src')).toEqual(["'none'"]);
  expect(response.headers['referrer-policy']).toBe('no-referrer');
}

describe('security headers on every kind of response', () => {
  let testApp: TestApp;
  let owner: SignedIn;
  /** A page of the web client, as a browser asks for one. */
  const getPage = (path: string) => request(testApp.baseUrl).get(path).set('Accept', 'text/html').expect(200);

  beforeAll(async () => {
    testApp = await startTestApp();
    owner = await registerAndSignIn(testApp.baseUrl);
  });
  afterAll(() => testApp?.close());

  it("gives the web client's pages and assets the strict page policy", async () => {
    const home = await getPage('/');
    expect(home.headers['content-type']).toMatch(/^text\/html/);
    expectPagePolicy(home, testApp);
    expectPagePolicy(await getPage('/bookings/some-booking'), testApp);

    const script = /src="(\/assets\/[^"]+\.js)"/.exec(home.text)?.[1];
    expect(script).toBeDefined();
    const asset = await request(testApp.baseUrl).get(script ?? '').expect(200);
    expectPagePolicy(asset, testApp);
  });

  it('lets Stripe into the payment page alone', async () => {
    const page = await getPage('/bookings/x/pay');
    expectCommonHeaders(page);
    const csp = directives(page);
    expect(csp.get('script-src')).toEqual(["'self'", 'https://js.stripe.com', 'https://*.js.stripe.com']);
    const frames = ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com'];
    expect(csp.get('frame-src')).toEqual(frames);
    const ownSocket = `ws://${new URL(testApp.baseUrl).host}`;
    expect(csp.get('connect-src')).toEqual(["'self'", ownSocket, 'https://api.stripe.com']);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(page.headers['content-security-policy']).not.toContain('unsafe');
    expect(page.headers['permissions-policy']).toMatch(/(^|, )payment=\(self "https:\/\/js\.stripe\.com"\)/);
    expect(page.headers['referrer-policy']).toBe('strict-origin');
    // A path that only looks like it is a page like any other.
    expectPagePolicy(await getPage('/bookings/x/pay/more'), testApp);
  });

  it('answers HEAD of a page like GET, without the body', async () => {
    const get = await getPage('/');
    const head = await request(testApp.baseUrl).head('/').expect(200);
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.text ?? '').toBe('');
    expectPagePolicy(head, testApp);
    await request(testApp.baseUrl).head('/bookings/x/pay').expect(200);
  });

  it('keeps API answers out of caches and documents: the session with its CSRF token, lists, errors', async () => {
    const session = await owner.agent.get('/api/auth/session').expect(200);
    expect(session.body.csrfToken).toEqual(expect.any(String));
    expect(session.headers['cache-control']).toBe('no-store');
    expectDataPolicy(session);
    const signedOut = await request(testApp.baseUrl).get('/api/auth/session');
    expect(signedOut.headers['cache-control']).toBe('no-store');
    expectDataPolicy(signedOut);
    const pets = await owner.agent.get('/api/pets').expect(200);
    expect(pets.headers['cache-control']).toBe('no-store');
    expectDataPolicy(pets);
    const missing = await request(testApp.baseUrl).get('/api/no-such').set('Accept', 'application/json').expect(404);
    expect(missing.headers['cache-control']).toBe('no-store');
    expectDataPolicy(missing);
  });

  it('classifies a request by the path Express routes, whatever its case or request-line form', async () => {
    const shouted = await request(testApp.baseUrl).get('/API/Auth/Session').expect(200);
    expect(shouted.body).toEqual({ signedIn: false });
    expect(shouted.headers['cache-control']).toBe('no-store');
    expectDataPolicy(shouted);
    // An absolute-form request line (`GET http://host/api/… HTTP/1.1`) reaches the same route.
    const { port } = new URL(testApp.baseUrl);
    const absolute = await new Promise<IncomingMessage>((resolve, reject) => {
      get({ host: '127.0.0.1', port, path: `${testApp.baseUrl}/api/auth/session` }, resolve).on('error', reject);
    });
    absolute.resume();
    expect(absolute.statusCode).toBe(200);
    expect(absolute.headers['cache-control']).toBe('no-store');
    expect(absolute.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('sends a download sandboxed, private and never stored', async () => {
    const csrf = { 'X-CSRF-Token': owner.session.csrfToken };
    const created = await owner.agent.post('/api/pets').set(csrf).send({ name: 'Barsik', species: 'cat' }).expect(201);
    const pet = created.body as PetView;
    const uploaded = await owner.agent
      .post(`/api/pets/${pet.id}/attachments`)
      .set(csrf)
      .field('kind', 'photo')
      .attach('file', PNG, { filename: 'photo.png', contentType: 'image/png' })
      .expect(201);
    const attachment = uploaded.body as AttachmentView;
    const download = await owner.agent.get(`/api/pets/${pet.id}/attachments/${attachment.id}/content`).expect(200);
    expectDataPolicy(download);
    expect(directives(download).get('sandbox')).toEqual([]);
    expect(download.headers['cache-control']).toBe('private, no-store');
  });

  it("puts the same headers on socket.io's HTTP answers (the handshake and a refusal)", async () => {
    const handshake = await request(testApp.baseUrl).get('/socket.io/?EIO=4&transport=polling').expect(200);
    expect(handshake.text).toMatch(/^0\{"sid":/);
    expectDataPolicy(handshake);
    const refused = await request(testApp.baseUrl).get('/socket.io/?EIO=4&transport=nonsense').expect(400);
    expectDataPolicy(refused);
  });

  it('puts them on /health and /metrics', async () => {
    const health = await request(testApp.baseUrl).get('/health').expect(200);
    expectDataPolicy(health);
    expect(health.headers['cache-control']).toBe('no-store');
    const metrics = await request(testApp.baseUrl).get('/metrics').expect(200);
    expectDataPolicy(metrics);
  });

  it("lets the API's description style itself, and nothing more", async () => {
    const docs = await request(testApp.baseUrl).get('/api/docs').expect(200);
    expectCommonHeaders(docs);
    const csp = directives(docs);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });
});
