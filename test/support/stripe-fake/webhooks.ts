import Stripe from 'stripe';
import { fixture, nowSeconds, stripeId, type StripeObject } from './fixtures';

/** The event types the fake emits, each built from test/fixtures/stripe/event-<name>.json. */
export const EVENT_FIXTURES = {
  'payment_intent.succeeded': 'event-payment-intent-succeeded',
  'payment_intent.payment_failed': 'event-payment-intent-payment-failed',
  'payment_intent.canceled': 'event-payment-intent-canceled',
  'charge.refunded': 'event-charge-refunded',
  'refund.updated': 'event-refund-updated',
  'account.updated': 'event-account-updated',
} as const;
/** Events on connected accounts: delivered to the Connect endpoint, naming the account in `account`. */
export const CONNECT_EVENT_TYPES: ReadonlySet<string> = new Set(['account.updated']);
export type StripeFakeEventType = keyof typeof EVENT_FIXTURES;

/** One HTTP attempt to hand an event to the endpoint: the status it answered (0 when the connection failed). */
export interface DeliveryAttempt {
  eventId: string;
  type: string;
  attempt: number;
  status: number;
}

export interface WebhookOptions {
  /** Where events are POSTed; without it events are recorded but not sent. */
  endpointUrl?: string;
  /** The endpoint's signing secret (`whsec_...`). */
  secret: string;
  /** Attempts per delivery, including the first (Stripe retries for days; the fake a few times). */
  maxAttempts: number;
  /** Pause before retry n is n × this many milliseconds. */
  retryDelayMs: number;
}

/** Builds, signs and POSTs events the way Stripe delivers them to a webhook endpoint, recording every attempt. */
export class WebhookDispatcher {
  readonly events = new Map<string, StripeObject>();
  readonly attempts: DeliveryAttempt[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: WebhookOptions) {}

  set endpointUrl(url: string | undefined) {
    this.options.endpointUrl = url;
  }

  /** Builds an event of `type` around `object` (copied), with `created` of `createdAt` seconds, and records it. */
  build(type: StripeFakeEventType, object: Record<string, unknown>, createdAt = nowSeconds()): StripeObject {
    const event = fixture(EVENT_FIXTURES[type], {
      ...(CONNECT_EVENT_TYPES.has(type) && {
        account: object.id,
        data: { object: structuredClone(object), previous_attributes: {} },
      }),
      id: stripeId('evt'),
      api_version: Stripe.API_VERSION,
      created: createdAt,
      ...(!CONNECT_EVENT_TYPES.has(type) && { data: { object: structuredClone(object) } }),
      type,
    });
    this.events.set(event.id, event);
    return event;
  }

  /** Sends the event (with retries) in the background; `idle()` waits for it. */
  send(event: StripeObject): Promise<void> {
    const delivery = this.deliverWithRetries(event).finally(() => this.inFlight.delete(delivery));
    this.inFlight.add(delivery);
    return delivery;
  }

  /** Resolves once every delivery started so far has finished, retries included. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  private async deliverWithRetries(event: StripeObject): Promise<void> {
    const url = this.options.endpointUrl;
    if (!url) return;
    const payload = JSON.stringify(event, null, 2);
    for (let attempt = 1; attempt <= this.options.maxAttempts; attempt += 1) {
      if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, (attempt - 1) * this.options.retryDelayMs));
      // A fresh timestamp and signature per attempt, as Stripe does.
      const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: this.options.secret });
      const status = await post(url, payload, signature);
      this.attempts.push({ eventId: event.id, type: String(event.type), attempt, status });
      if (status >= 200 && status < 300) return;
    }
  }
}

async function post(url: string, payload: string, signature: string): Promise<number> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature, 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
      body: payload,
      signal: AbortSignal.timeout(5_000),
    });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}
