import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { ErrorCode, type PetView } from '@vetmeet/contracts';
import request from 'supertest';
import { newAccount } from '../support/accounts';
import { startTestApp, type TestApp } from '../support/test-app';

const PNG = readFileSync(join(__dirname, '../fixtures/attachments/photo.png'));

interface RawExchange {
  /** What the server sent, as text. */
  received: string;
  /** Milliseconds from sending the request's head to the server's whole answer (NaN if none came). */
  answeredAfterMs: number;
  /** Milliseconds from sending the request's head to the server closing the connection (or the wait giving up). */
  closedAfterMs: number;
  closed: boolean;
}

/** Whether `received` holds a whole response: its head and as many bytes of body as its Content-Length says. */
function isWholeResponse(received: string): boolean {
  const headEnd = received.indexOf('\r\n\r\n');
  if (headEnd < 0) return false;
  const length = Number(/\r\ncontent-length: *(\d+)/i.exec(received.slice(0, headEnd))?.[1] ?? 0);
  return received.length - headEnd - 4 >= length;
}

/**
 * Sends a request head and `body` over a bare socket, then nothing more, and waits for the
 * server to close the connection (or `waitMs`): what a client with a stalled body sees.
 */
function sendAndStall(testApp: TestApp, head: string, body: string | Buffer, waitMs: number): Promise<RawExchange> {
  return new Promise((resolve) => {
    const url = new URL(testApp.baseUrl);
    const socket: Socket = connect(Number(url.port), url.hostname);
    const started = Date.now();
    let received = '';
    let answeredAfterMs = NaN;
    const done = (closed: boolean) => {
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ received, answeredAfterMs, closedAfterMs: Date.now() - started, closed });
    };
    const giveUp = setTimeout(() => done(false), waitMs);
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (Number.isNaN(answeredAfterMs) && isWholeResponse(received)) answeredAfterMs = Date.now() - started;
    });
    socket.on('close', () => done(true));
    socket.on('error', () => undefined);
    socket.write(head);
    socket.write(body);
  });
}

const statusOf = (exchange: RawExchange) => Number(/^HTTP\/1\.1 (\d{3})/.exec(exchange.received)?.[1]);
const bodyOf = (exchange: RawExchange) =>
  JSON.parse(exchange.received.slice(exchange.received.indexOf('\r\n\r\n') + 4)) as { code: string };

describe('request bodies: refused by their declared size, and given a short time to arrive', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    // Two seconds for a body, so a stalled one is seen answered in a test's time.
    testApp = await startTestApp({ REQUEST_BODY_TIMEOUT_SECONDS: '2' });
  });
  afterAll(() => testApp?.close());

  const host = () => new URL(testApp.baseUrl).host;
  /** The head of a sign-in (a JSON route) whose body says it is `length` bytes. */
  const signInHead = (length: number) =>
    `POST /api/auth/sign-in HTTP/1.1\r\nHost: ${host()}\r\n` +
    `Content-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

  it('refuses a JSON body that declares 10 GB at once, before any of it is sent', async () => {
    const exchange = await sendAndStall(testApp, signInHead(10 * 1024 ** 3), '', 8_000);
    expect(statusOf(exchange)).toBe(413);
    expect(bodyOf(exchange).code).toBe(ErrorCode.PayloadTooLarge);
    // Well before the body timeout: refused by the header alone.
    expect(exchange.answeredAfterMs).toBeLessThan(1_500);
    // And the connection it holds goes with the body timeout.
    expect(exchange.closed).toBe(true);
    expect(exchange.closedAfterMs).toBeLessThan(4_000);
  });

  it('answers a client already sending a refused body, then cuts it off after a MiB', async () => {
    const threeMiB = Buffer.alloc(3 * 1024 * 1024, 0x20);
    const exchange = await sendAndStall(testApp, signInHead(10 * 1024 ** 3), threeMiB, 8_000);
    expect(statusOf(exchange)).toBe(413);
    expect(exchange.closed).toBe(true);
    expect(exchange.closedAfterMs).toBeLessThan(1_500);
  });

  it('answers a JSON body that stalls 408 within the body timeout and closes the connection', async () => {
    const body = JSON.stringify({ email: 'someone@example.test', password: 'x'.repeat(40) });
    const exchange = await sendAndStall(testApp, signInHead(body.length), body.slice(0, 10), 8_000);
    expect(statusOf(exchange)).toBe(408);
    expect(bodyOf(exchange).code).toBe(ErrorCode.RequestTimeout);
    expect(exchange.closed).toBe(true);
    expect(exchange.closedAfterMs).toBeGreaterThanOrEqual(1_900);
    expect(exchange.closedAfterMs).toBeLessThan(4_000);
    // The server is fine afterwards.
    await request(testApp.baseUrl).get('/health').expect(200);
  });

  it('gives an authorised upload longer than the body timeout', async () => {
    const account = newAccount();
    await request(testApp.baseUrl).post('/api/accounts').send(account).expect(202);
    const credentials = { email: account.email, password: account.password };
    const signIn = await request(testApp.baseUrl).post('/api/auth/sign-in').send(credentials).expect(200);
    const cookie = (signIn.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    const csrf = signIn.body.csrfToken as string;
    const created = await request(testApp.baseUrl)
      .post('/api/pets')
      .set({ Cookie: cookie, 'X-CSRF-Token': csrf })
      .send({ name: 'Barsik', species: 'cat' })
      .expect(201);
    const pet = created.body as PetView;

    const boundary = 'vetmeet-boundary';
    const form = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nphoto\r\n`),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.png"\r\n`),
      Buffer.from('Content-Type: image/png\r\n\r\n'),
      PNG,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const head = [
      `POST /api/pets/${pet.id}/attachments HTTP/1.1`,
      `Host: ${host()}`,
      `Cookie: ${cookie}`,
      `X-CSRF-Token: ${csrf}`,
      `Content-Type: multipart/form-data; boundary=${boundary}`,
      `Content-Length: ${form.length}`,
      'Connection: close',
      '',
      '',
    ].join('\r\n');
    const uploaded = await new Promise<string>((resolve, reject) => {
      const url = new URL(testApp.baseUrl);
      const socket = connect(Number(url.port), url.hostname);
      let received = '';
      socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
      socket.write(head);
      socket.write(form.subarray(0, 100));
      // Longer than the body timeout before the rest of the file comes.
      setTimeout(() => socket.write(form.subarray(100)), 3_000);
    });
    expect(uploaded).toMatch(/^HTTP\/1\.1 201 /);
  });
});
