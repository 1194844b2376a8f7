/*
 * Prices travel as integers in the currency's minor units (cents) with an ISO 4217 code;
 * how many minor units make one major unit depends on the currency (JPY none, KWD three), so
 * Intl says, not a fixed 100.
 */

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** Minor units per major unit of the currency: 100 for EUR, 1 for JPY, 1000 for KWD. */
export function minorUnitsPerMajor(currency: string): number {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return 10 ** digits;
}

/** "€45.00", "¥3,000", or the amount with its code when the browser does not know the currency. */
export function formatPrice(amount: number, currency: string, locale = 'en-GB'): string {
  const code = currency.toUpperCase();
  try {
    return formatterFor(code, locale).format(amount / minorUnitsPerMajor(code));
  } catch {
    // Not a currency Intl knows: show the minor units as they are rather than guess their scale.
    return `${amount} ${code} (minor units)`;
  }
}

/** A free consultation says so rather than "€0.00". */
export function formatPriceOrFree(amount: number, currency: string, locale = 'en-GB'): string {
  return amount === 0 ? 'Free' : formatPrice(amount, currency, locale);
}
