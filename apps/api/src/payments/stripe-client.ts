import Stripe from 'stripe';
import { signedAtSeconds, signedInTheFuture, WEBHOOK_TOLERANCE_SECONDS } from './stripe-signature';

/**
 * The `stripe` SDK, pinned to the API version it ships with (its types describe exactly that
 * version), pointed at `apiUrl` when a stand-in for api.stripe.com is configured (tests).
 */
export function createStripeClient(secretKey: string, apiUrl?: string): Stripe {
  const api = apiUrl ? new URL(apiUrl) : undefined;
  return new Stripe(secretKey, {
    apiVersion: Stripe.API_VERSION,
    // Safe with idempotency keys: a retried POST replays the first answer.
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    ...(api && {
      host: api.hostname,
      port: Number(api.port || (api.protocol === 'https:' ? 443 : 80)),
      protocol: api.protocol === 'https:' ? 'https' : 'http',
    }),
  });
}

/**
 * Checks the Stripe-Signature of a webhook delivery with the endpoint's secret (HMAC over the raw
 * body, signed at most five minutes before or after now) and answers the parsed payload, whose
 * shape is not checked yet; throws when the signature is not right. The SDK checks only the past
 * side of the tolerance.
 */
export function verifySignedEvent(
  stripe: Stripe,
  rawBody: Buffer,
  signature: string,
  secret: string,
  now = Date.now(),
): unknown {
  const event: unknown = stripe.webhooks.constructEvent(
    rawBody,
    signature,
    secret,
    WEBHOOK_TOLERANCE_SECONDS,
    undefined,
    now,
  );
  const signedAt = signedAtSeconds(signature);
  if (signedAt === null || signedInTheFuture(signedAt, now)) throw new Error('signed too far ahead of our clock');
  return event;
}
