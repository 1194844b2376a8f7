import { chargeCurrency, formatMinorUnits } from '@vetmeet/contracts/client';

/*
 * Prices travel as integers in the minor units Stripe charges in, with an ISO 4217 code. How
 * many make one major unit is Stripe's word for the currencies we charge in (JPY none, ISK a
 * hundred though it has no decimals), and the browser's data for any other code.
 */

/** Minor units per major unit: 100 for EUR, 1 for JPY, 100 for ISK (Stripe's hundredths), 1000 for KWD. */
export function minorUnitsPerMajor(currency: string): number {
  const spec = chargeCurrency(currency.toUpperCase());
  if (spec) return 10 ** spec.exponent;
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return 10 ** digits;
}

/** Decimals a price in the currency may have: 2 for EUR, 0 for JPY and ISK. */
export function priceDecimals(currency: string): number {
  const spec = chargeCurrency(currency.toUpperCase());
  return spec ? spec.decimals : Math.round(Math.log10(minorUnitsPerMajor(currency)));
}

/** "€45.00", "¥3,000", or the amount with its code when the browser does not know the currency. */
export function formatPrice(amount: number, currency: string, locale = 'en-GB'): string {
  const code = currency.toUpperCase();
  try {
    return formatMinorUnits(amount, code, locale);
  } catch {
    // Not a currency Intl knows: show the minor units as they are rather than guess their scale.
    return `${amount} ${code} (minor units)`;
  }
}

/** A free consultation says so rather than "€0.00". */
export function formatPriceOrFree(amount: number, currency: string, locale = 'en-GB'): string {
  return amount === 0 ? 'Free' : formatPrice(amount, currency, locale);
}
