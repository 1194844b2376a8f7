/*
 * The server sends each page the security policy it needs, and only the payment page may
 * load Stripe's script and frames. A single-page app keeps the policy of the page it was
 * loaded as, so moving between the payment page and any other page loads that page anew
 * from the server: Stripe is never allowed on another page, and the payment page gets it.
 */

const PAYMENT_PAGE = /^\/bookings\/[^/]+\/pay\/?$/;

/** Whether going from the document loaded at `documentPath` to `target` (a path, maybe with a query) loads a page. */
export function needsPageLoad(documentPath: string, target: string): boolean {
  const targetPath = target.split(/[?#]/)[0];
  return PAYMENT_PAGE.test(documentPath) !== PAYMENT_PAGE.test(targetPath);
}
