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
 * Connect (see connect.ts):
 * - POST /v1/accounts                    type, capabilities[...], metadata[...]; a new account takes no charges and
 *                                        has requirements currently due until its onboarding is submitted.
 * - GET  /v1/accounts/:id                another platform's or no account → 403 account_invalid, as at Stripe.
 * - POST /v1/account_links               account, refresh_url, return_url, type (account_onboarding|account_update);
 *                                        `url` is the fake's hosted page GET /setup/e/:account/:token (no API key):
 *                                        submitting it (POST, a button) enables charges and payouts, sends a signed
 *                                        account.updated to the Connect endpoint and redirects (303) to return_url; a
 *                                        used or expired link (300 s) redirects to refresh_url.
 * - PaymentIntents take transfer_data[destination] (an account with active transfers, else 400) and
 *   application_fee_amount (0 to amount, only with a destination). A succeeded destination charge makes a transfer
 *   of the whole amount to the account (charge.transfer) and an application fee of application_fee_amount
 *   collected from it (charge.application_fee). GET /v1/payment_intents/:id?expand[]=latest_charge expands the charge.
 * - POST /v1/refunds takes reverse_transfer and refund_application_fee: the transfer is reversed (a
 *   transfer_reversal, refund.transfer_reversal) and the fee refunded (a fee_refund) by the refund's share of the
 *   charge, rounded to the nearest minor unit, the last refund taking what is left.
 * - GET  /v1/transfers/:id, GET /v1/application_fees/:id (with their reversals / refunds lists).
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
 *   `idle()` (wait for deliveries in flight). Events on connected accounts (account.updated) go to
 *   `connectWebhookUrl`, signed with `connectWebhookSecret`, as Stripe sends them to a Connect endpoint. Nothing is
 *   signed with a real Stripe key and no list endpoints, pagination, other expansions or Stripe-Account headers are
 *   supported.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StripeFakeError } from './errors';
import { stripeId, type StripeObject } from './fixtures';
import { parseForm } from './form';
import type { ConnectResources } from './connect';
import { StripeResources, TEST_PAYMENT_METHODS, type Answer } from './resources';
import { CONNECT_EVENT_TYPES, WebhookDispatcher, type DeliveryAttempt, type StripeFakeEventType } from './webhooks';

export { TEST_PAYMENT_METHODS, type DeliveryAttempt, type StripeFakeEventType };

export interface StripeFakeOptions {
  apiKey?: string;
  webhookSecret?: string;
  webhookUrl?: string;
  connectWebhookSecret?: string;
  /** Where events on connected accounts (account.updated) are POSTed: the Connect endpoint. */
  connectWebhookUrl?: string;
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
  private readonly connectWebhooks: WebhookDispatcher;
  readonly connectWebhookSecret: string;
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
    this.connectWebhookSecret = options.connectWebhookSecret ?? `whsec_${randomBytes(16).toString('hex')}`;
    this.connectWebhooks = new WebhookDispatcher({
      endpointUrl: options.connectWebhookUrl,
      secret: this.connectWebhookSecret,
      maxAttempts: options.maxAttempts ?? 3,
      retryDelayMs: options.retryDelayMs ?? 20,
    });
    this.resources = new StripeResources(
      (type, object) => void this.deliver(type, object),
      () => `http://127.0.0.1:${this.port}`,
    );
  }

  /** Connected accounts, transfers and application fees. */
  get connect(): ConnectResources {
    return this.resources.connect;
  }

  set connectWebhookUrl(url: string | undefined) {
    this.connectWebhooks.endpointUrl = url;
  }

  /** Every delivery attempt to the Connect endpoint so far, in order. */
  get connectDeliveries(): readonly DeliveryAttempt[] {
    return this.connectWebhooks.attempts;
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
    return this.webhooks.events.get(id) ?? this.connectWebhooks.events.get(id);
  }

  private dispatcherOf(type: string): WebhookDispatcher {
    return CONNECT_EVENT_TYPES.has(type) ? this.connectWebhooks : this.webhooks;
  }

  /** Builds an event around `object` and delivers it; resolves with the event once delivery (retries included) ends. */
  async deliver(type: StripeFakeEventType, object: Record<string, unknown>): Promise<StripeObject> {
    const dispatcher = this.dispatcherOf(type);
    const event = dispatcher.build(type, object);
    await dispatcher.send(event);
    return event;
  }

  /** Sends an already delivered event again, unchanged (same id): a replay. */
  async redeliver(eventId: string): Promise<StripeObject> {
    const event = this.event(eventId);
    if (!event) throw new Error(`The Stripe fake has no event ${eventId}`);
    await this.dispatcherOf(String(event.type)).send(event);
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
  async idle(): Promise<void> {
    await Promise.all([this.webhooks.idle(), this.connectWebhooks.idle()]);
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
    const url = new URL(request.url ?? '/', 'http://fake');
    const path = url.pathname;
    if (path.startsWith('/setup/e/')) {
      this.hostedOnboarding(method, path, response);
      return;
    }
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
        answer = this.route(method, path, method === 'GET' ? url.search.slice(1) : body);
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

  /** Stripe's hosted onboarding stand-in: a page for the browser, no API key (the link's token is the key). */
  private hostedOnboarding(method: string, path: string, response: ServerResponse): void {
    const token = path.split('/')[4] ?? '';
    const connect = this.resources.connect;
    if (method === 'GET') {
      const page = connect.onboardingPage(token);
      if (page && 'html' in page) {
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end(page.html);
        return;
      }
      if (page) {
        response.writeHead(302, { location: page.redirect });
        response.end();
        return;
      }
    }
    if (method === 'POST') {
      const next = connect.submitOnboarding(token);
      if (next) {
        response.writeHead(303, { location: next });
        response.end();
        return;
      }
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('This link is not valid.');
  }

  private route(method: string, path: string, body: string): Answer {
    const form = parseForm(body);
    const segments = path.split('/').filter(Boolean);
    const [version, resource, id, action] = segments;
    if (version === 'v1' && segments.length <= 4) {
      if (resource === 'payment_intents') {
        if (method === 'POST' && !id) return this.resources.createPaymentIntent(form);
        if (method === 'GET' && id && !action) return this.resources.retrievePaymentIntent(id, form);
        if (method === 'POST' && id && action === 'cancel') return this.resources.cancelPaymentIntent(id, form);
        if (method === 'POST' && id && action === 'confirm') return this.resources.confirmPaymentIntent(id, form);
      }
      const connect = this.resources.connect;
      if (resource === 'accounts' && !action) {
        if (method === 'POST' && !id) return connect.createAccount(form);
        if (method === 'GET' && id) return connect.retrieveAccount(id);
      }
      if (resource === 'account_links' && method === 'POST' && !id) return connect.createAccountLink(form);
      if (resource === 'transfers' && method === 'GET' && id && !action) return connect.retrieveTransfer(id);
      if (resource === 'application_fees' && method === 'GET' && id && !action) {
        return connect.retrieveApplicationFee(id);
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
