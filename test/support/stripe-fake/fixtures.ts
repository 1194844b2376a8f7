import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A Stripe API object as JSON. */
export type StripeObject = Record<string, unknown> & { id: string };

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'stripe');

/** The named JSON fixture in test/fixtures/stripe (without `.json`), a fresh copy each call, overlaid with `fields`. */
export function fixture(name: string, fields: Record<string, unknown> = {}): StripeObject {
  const base = JSON.parse(readFileSync(join(FIXTURES, `${name}.json`), 'utf8')) as StripeObject;
  return { ...base, ...fields };
}

/** An id shaped like Stripe's: prefix, underscore, 24 random alphanumerics. */
export function stripeId(prefix: string): string {
  return `${prefix}_${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x').slice(0, 24)}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
