/**
 * A local fake of the few Stripe HTTP endpoints Vetmeet uses, for running the real `stripe` SDK in tests
 * (`new Stripe(apiKey, { host: '127.0.0.1', port, protocol: 'http' })`). It is a test double, not stripe-mock:
 * it implements exactly what is listed here and answers everything else with Stripe's 404 error.
 *
 * Endpoints (API v1, form-encoded bodies as the SDK sends them, JSON answers built from test/fixtures/stripe/*.json):
 * - POST /v1/payment_intents             amount (positive integer), currency, metadata[...], description,
 *                                        automatic_payment_methods[enabled]; starts in `requires_payment_method`.
 * - GET  /v1/payment_intents/:id
 * - POST /v1/payment_intents/:id/cancel  → `canceled` (400 payment_intent_unexpected_state once succeeded/canceled).
 * - POST /v1/payment_intents/:id/confirm test helper standing in for the browser: payment_method `pm_card_visa`
 *                                        → `succeeded` with a charge (`latest_charge`, `amount_received`);
 *                                        `pm_card_chargeDeclined` → 402 card_error, intent back to
 *                                        `requires_payment_method` with `last_payment_error`. No 3-D Secure, no
 *                                        manual capture, no `processing` state.
 * - POST /v1/refunds                     payment_intent, amount (optional: the unrefunded rest), reason, metadata;
 *                                        refunds are `succeeded` at once; more than the unrefunded rest → 400
 *                                        (param `amount`), nothing left → 400 charge_already_refunded.
 * - GET  /v1/refunds/:id
 *
 * Behaviours:
 * - Auth: `Authorization: Bearer <apiKey>`; anything else → 401 with Stripe's error body.
 * - Idempotency (POST only): an `Idempotency-Key` seen before with the same path and body replays the first answer
 *   (errors included, header `Idempotent-Replayed: true`); with a different path or body → 400 idempotency_error.
 * - Missing objects → 404 resource_missing; unknown routes → 404 "Unrecognized request URL".
 * - Webhooks: state changes emit payment_intent.succeeded / payment_intent.payment_failed / payment_intent.canceled /
 *   charge.refunded (with the charge, `amount_refunded` updated); refund.updated is only sent through `deliver` (refunds
 *   never change status here). Each event is POSTed as JSON to `webhookUrl` with a
 *   real `Stripe-Signature` (the SDK's generateTestHeaderString with the endpoint secret), retried on non-2xx or a
 *   failed connection up to `maxAttempts` times, every attempt recorded in `deliveries`. Test controls:
 *   `deliver(type, object)`, `redeliver(eventId)` (same event, same id: a replay), `deliverOutOfOrder([...])`,
 *   `idle()` (wait for deliveries in flight). Nothing is signed with a real Stripe key and no list endpoints,
 *   pagination, expansion, Connect, or Stripe-Account headers are supported.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StripeFakeError } from './errors';
import { stripeId, type StripeObject } from './fixtures';
import { parseForm } from './form';
import { StripeResources, TEST_PAYMENT_METHODS, type Answer } from './resources';
import { WebhookDispatcher, type DeliveryAttempt, type StripeFakeEventType } from './webhooks';

export { TEST_PAYMENT_METHODS, type DeliveryAttempt, type StripeFakeEventType };

export interface StripeFakeOptions {
  apiKey?: string;
  webhookSecret?: string;
  webhookUrl?: string;
  /** Delivery attempts per event, the first included. */
  maxAttempts?: number;
  retryDelayMs?: number;
}

interface StoredIdempotentRequest {
  route: string;
  body: string;
  answer: Answer;
}

export class StripeFake {
  readonly resources: StripeResources;
  private readonly webhooks: WebhookDispatcher;
  private readonly idempotent = new Map<string, StoredIdempotentRequest>();
  /** Milliseconds the fake waits before answering a route ("POST /v1/refunds"): a slow Stripe. */
  private readonly latency = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    readonly apiKey: string,
    readonly webhookSecret: string,
    options: StripeFakeOptions,
  ) {
    this.webhooks = new WebhookDispatcher({
      endpointUrl: options.webhookUrl,
      secret: webhookSecret,
      maxAttempts: options.maxAttempts ?? 3,
      retryDelayMs: options.retryDelayMs ?? 20,
    });
    this.resources = new StripeResources((type, object) => void this.deliver(type, object));
  }

  /** Starts the fake on 127.0.0.1 on a free port. */
  static async start(options: StripeFakeOptions = {}): Promise<StripeFake> {
    const server = createServer();
    const fake = new StripeFake(
      server,
      options.apiKey ?? `sk_test_${randomBytes(12).toString('hex')}`,
      options.webhookSecret ?? `whsec_${randomBytes(16).toString('hex')}`,
      options,
    );
    server.on('request', (request, response) => {
      fake.handle(request, response).catch((error: unknown) => {
        // A bug in the fake itself: answer like a Stripe outage rather than leave the SDK hanging.
        console.error('Stripe fake failed to answer', error);
        if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { type: 'api_error', message: 'The Stripe fake failed to answer.' } }));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The `stripe` SDK settings that point it at this fake. */
  get sdkConfig(): { host: string; port: number; protocol: 'http'; maxNetworkRetries: number } {
    return { host: '127.0.0.1', port: this.port, protocol: 'http', maxNetworkRetries: 0 };
  }

  set webhookUrl(url: string | undefined) {
    this.webhooks.endpointUrl = url;
  }

  /** Every delivery attempt so far, in order. */
  get deliveries(): readonly DeliveryAttempt[] {
    return this.webhooks.attempts;
  }

  event(id: string): StripeObject | undefined {
    return this.webhooks.events.get(id);
  }

  /** Builds an event around `object` and delivers it; resolves with the event once delivery (retries included) ends. */
  async deliver(type: StripeFakeEventType, object: Record<string, unknown>): Promise<StripeObject> {
    const event = this.webhooks.build(type, object);
    await this.webhooks.send(event);
    return event;
  }

  /** Sends an already delivered event again, unchanged (same id): a replay. */
  async redeliver(eventId: string): Promise<StripeObject> {
    const event = this.webhooks.events.get(eventId);
    if (!event) throw new Error(`The Stripe fake has no event ${eventId}`);
    await this.webhooks.send(event);
    return event;
  }

  /**
   * Builds the events in the order given (ascending `created`, one second apart, as they happened) and delivers
   * them in the reverse order, one after another; resolves with the events in the order they happened.
   */
  async deliverOutOfOrder(specs: ReadonlyArray<{ type: StripeFakeEventType; object: Record<string, unknown> }>): Promise<StripeObject[]> {
    const start = Math.floor(Date.now() / 1000) - specs.length;
    const events = specs.map((spec, index) => this.webhooks.build(spec.type, spec.object, start + index));
    for (const event of [...events].reverse()) await this.webhooks.send(event);
    return events;
  }

  /** Answers `route` (method and path, e.g. "POST /v1/refunds") only after `ms`; null makes it prompt again. */
  slowDown(route: string, ms: number | null): void {
    if (ms === null) this.latency.delete(route);
    else this.latency.set(route, ms);
  }

  /** Resolves when every webhook delivery started so far has finished. */
  idle(): Promise<void> {
    return this.webhooks.idle();
  }

  async stop(): Promise<void> {
    await this.idle();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', 'http://fake').pathname;
    const delay = this.latency.get(`${method} ${path}`);
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    const headers: Record<string, string> = {};
    let answer: Answer;
    try {
      if (request.headers.authorization !== `Bearer ${this.apiKey}`) {
        const shown = (request.headers.authorization ?? '').replace(/^Bearer /, '');
        throw new StripeFakeError(401, 'invalid_request_error', `Invalid API Key provided: ${shown.slice(0, 8)}${'*'.repeat(Math.max(0, shown.length - 12))}${shown.slice(-4)}`);
      }
      const key = request.headers['idempotency-key'];
      const route = `${method} ${path}`;
      const stored = method === 'POST' && typeof key === 'string' ? this.idempotent.get(key) : undefined;
      if (stored && (stored.route !== route || stored.body !== body)) {
        throw new StripeFakeError(
          400,
          'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${String(key)}' if you meant to execute a different request.`,
        );
      }
      if (stored) {
        headers['idempotent-replayed'] = 'true';
        answer = stored.answer;
      } else {
        answer = this.route(method, path, body);
        if (method === 'POST' && typeof key === 'string') this.idempotent.set(key, { route, body, answer: structuredClone(answer) });
      }
    } catch (error) {
      if (!(error instanceof StripeFakeError)) throw error;
      answer = { status: error.status, body: structuredClone(error.body()) };
      const key = request.headers['idempotency-key'];
      const executed = error.status !== 401 && error.type !== 'idempotency_error';
      if (executed && method === 'POST' && typeof key === 'string' && !this.idempotent.has(key)) {
        this.idempotent.set(key, { route: `${method} ${path}`, body, answer });
      }
    }
    const json = JSON.stringify(answer.body, null, 2);
    response.writeHead(answer.status, {
      ...headers,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(json),
      'request-id': stripeId('req'),
    });
    response.end(json);
  }

  private route(method: string, path: string, body: string): Answer {
    const form = parseForm(body);
    const segments = path.split('/').filter(Boolean);
    const [version, resource, id, action] = segments;
    if (version === 'v1' && segments.length <= 4) {
      if (resource === 'payment_intents') {
        if (method === 'POST' && !id) return this.resources.createPaymentIntent(form);
        if (method === 'GET' && id && !action) return this.resources.retrievePaymentIntent(id);
        if (method === 'POST' && id && action === 'cancel') return this.resources.cancelPaymentIntent(id, form);
        if (method === 'POST' && id && action === 'confirm') return this.resources.confirmPaymentIntent(id, form);
      }
      if (resource === 'refunds' && !action) {
        if (method === 'POST' && !id) return this.resources.createRefund(form);
        if (method === 'GET' && id) return this.resources.retrieveRefund(id);
      }
    }
    throw new StripeFakeError(
      404,
      'invalid_request_error',
      `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    );
  }
}
