/**
 * Stripe's default tolerance for the timestamp of a webhook signature, in seconds. We apply it
 * both ways: the SDK refuses a signature older than this, and we also refuse one dated further
 * ahead of our clock, which a replay window has no use for and an honest clock never signs.
 */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * The instant Stripe signed at (`t=` of the Stripe-Signature header, in Unix seconds), read as
 * the SDK reads it; null when there is none, more than one, or it is not a plain number.
 */
export function signedAtSeconds(header: string): number | null {
  const stamps = header
    .split(',')
    .map((item) => item.trim().split('='))
    .filter(([key]) => key === 't')
    .map(([, value]) => value ?? '');
  if (stamps.length !== 1 || !/^\d{1,12}$/.test(stamps[0])) return null;
  return Number(stamps[0]);
}

/** Whether a signature made at `signedAt` (seconds) was made too far ahead of `receivedAtMs`. */
export function signedInTheFuture(signedAt: number, receivedAtMs: number): boolean {
  return signedAt - Math.floor(receivedAtMs / 1000) > WEBHOOK_TOLERANCE_SECONDS;
}
