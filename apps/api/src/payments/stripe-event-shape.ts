import { HANDLED_EVENT_TYPES, type TrustedPaymentEvent } from './payment-event-processor';

type HandledType = (typeof HANDLED_EVENT_TYPES)[number];

/** What `data.object.object` must say for each event type we act on. */
const OBJECT_OF: Readonly<Record<HandledType, string>> = {
  'payment_intent.succeeded': 'payment_intent',
  'payment_intent.payment_failed': 'payment_intent',
  'payment_intent.canceled': 'payment_intent',
  'charge.refunded': 'charge',
  'refund.updated': 'refund',
};

/** Stripe's event ids and type names; anything else is not recorded or logged as it came. */
const EVENT_ID = /^evt_\w{1,250}$/;
const EVENT_TYPE = /^[a-z0-9_]+(\.[a-z0-9_]+){1,4}$/;

export type ReadStripeEvent =
  | { event: TrustedPaymentEvent }
  /** Signed, so from Stripe, but not something we can ever process; id and type only when they look like Stripe's. */
  | { malformed: string; id: string | null; type: string | null };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a verified webhook payload into the event processing takes. A type we do not handle needs
 * only an id and a type (it is acknowledged and ignored); one we handle also needs `data.object`
 * of the kind the type promises, since processing reads the payment's id from it.
 */
export function readStripeEvent(payload: unknown): ReadStripeEvent {
  if (!isRecord(payload)) return { malformed: 'the event is not an object', id: null, type: null };
  const id = typeof payload.id === 'string' && EVENT_ID.test(payload.id) ? payload.id : null;
  const type = typeof payload.type === 'string' && EVENT_TYPE.test(payload.type) ? payload.type : null;
  if (!id) return { malformed: 'the event has no Stripe event id', id, type };
  if (!type) return { malformed: 'the event has no event type', id, type };
  if (!(type in OBJECT_OF)) return { event: { id, type, object: {} } };
  const data = payload.data;
  if (!isRecord(data)) return { malformed: 'the event has no data', id, type };
  if (!isRecord(data.object)) return { malformed: 'the event data has no object', id, type };
  const expected = OBJECT_OF[type as HandledType];
  if (data.object.object !== expected) return { malformed: `the event data holds no ${expected}`, id, type };
  return { event: { id, type, object: data.object } };
}
