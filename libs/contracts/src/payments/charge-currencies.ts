/**
 * The currencies a consultant may price in: those Stripe takes for card payments (its
 * "supported presentment currencies", docs.stripe.com/currencies, checked 2026-12-07), in upper
 * case as we store them (Stripe's API wants lower case: the gateway converts). Left out on
 * purpose: the three-decimal currencies (BHD, JOD, KWD, OMR, TND: Stripe wants the last digit 0
 * and not every card network takes them) and codes their countries retired (BGN, HRK, ANG, SLL,
 * STD). Amounts are integers in what Stripe calls the minor unit, which is not always ISO 4217's.
 */

export interface ChargeCurrency {
  code: string;
  /** Digits of the minor unit in Stripe's API: amount / 10^exponent is the price (2 for EUR, 0 for JPY). */
  exponent: number;
  /** Decimals a price may have: 0 where Stripe charges whole units only, though counting hundredths (ISK, UGX). */
  decimals: number;
  /** Stripe's documented minimum charge in minor units where it lists one, else one unit (STRIPE_MINIMUM_CHARGES). */
  minimum: number;
}

/** Stripe's zero-decimal currencies: the amount is the price, 500 JPY is 500. */
const ZERO_DECIMAL = [
  'BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'VND', 'VUV', 'XAF', 'XOF', 'XPF',
];

/** Zero-decimal in fact, but Stripe's API still counts hundredths, which must be 00: 5 ISK is 500. */
const WHOLE_UNITS_IN_HUNDREDTHS = ['ISK', 'UGX'];

const TWO_DECIMAL = [
  'USD', 'AED', 'AFN', 'ALL', 'AMD', 'AOA', 'ARS', 'AUD', 'AWG', 'AZN', 'BAM', 'BBD', 'BDT', 'BMD', 'BND', 'BOB',
  'BRL', 'BSD', 'BWP', 'BYN', 'BZD', 'CAD', 'CDF', 'CHF', 'CNY', 'COP', 'CRC', 'CVE', 'CZK', 'DKK', 'DOP', 'DZD',
  'EGP', 'ETB', 'EUR', 'FJD', 'FKP', 'GBP', 'GEL', 'GIP', 'GMD', 'GTQ', 'GYD', 'HKD', 'HNL', 'HTG', 'HUF', 'IDR',
  'ILS', 'INR', 'JMD', 'KES', 'KGS', 'KHR', 'KYD', 'KZT', 'LAK', 'LBP', 'LKR', 'LRD', 'LSL', 'MAD', 'MDL', 'MKD',
  'MMK', 'MNT', 'MOP', 'MUR', 'MVR', 'MWK', 'MXN', 'MYR', 'MZN', 'NAD', 'NGN', 'NIO', 'NOK', 'NPR', 'NZD', 'PAB',
  'PEN', 'PGK', 'PHP', 'PKR', 'PLN', 'QAR', 'RON', 'RSD', 'RUB', 'SAR', 'SBD', 'SCR', 'SEK', 'SGD', 'SHP', 'SLE',
  'SOS', 'SRD', 'SZL', 'THB', 'TJS', 'TOP', 'TRY', 'TTD', 'TWD', 'TZS', 'UAH', 'UYU', 'UZS', 'WST', 'XCD', 'YER',
  'ZAR', 'ZMW',
];

/**
 * Stripe's minimum charge per currency, in minor units ("Minimum and maximum charge amounts",
 * docs.stripe.com/currencies). Stripe applies the minimum of the account's settlement currency
 * after conversion, which depends on the rate of the day: a currency not listed here is held only
 * to a positive amount, and Stripe may still refuse a very small price in it.
 */
export const STRIPE_MINIMUM_CHARGES: Readonly<Record<string, number>> = {
  USD: 50, AED: 200, ARS: 50, AUD: 50, BRL: 50, CAD: 50, CHF: 50, COP: 50, CZK: 1500, DKK: 250, EUR: 50, GBP: 30,
  HKD: 400, HUF: 17500, IDR: 50, ILS: 50, INR: 50, JPY: 50, KRW: 50, MXN: 1000, MYR: 200, NOK: 300, NZD: 50,
  PHP: 50, PLN: 200, RON: 200, RUB: 50, SEK: 300, SGD: 50, THB: 1000, ZAR: 50,
};

/** Stripe's largest amount for every currency and payment method (8 digits; some card networks allow more). */
export const STRIPE_MAXIMUM_CHARGE = 99_999_999;

const currency = (code: string, exponent: number, decimals: number): ChargeCurrency => ({
  code,
  exponent,
  decimals,
  minimum: STRIPE_MINIMUM_CHARGES[code] ?? 10 ** (exponent - decimals),
});

const CHARGE_CURRENCIES: ReadonlyMap<string, ChargeCurrency> = new Map(
  [
    ...ZERO_DECIMAL.map((code) => currency(code, 0, 0)),
    ...WHOLE_UNITS_IN_HUNDREDTHS.map((code) => currency(code, 2, 0)),
    ...TWO_DECIMAL.map((code) => currency(code, 2, 2)),
  ].map((each) => [each.code, each]),
);

/** Every code a price may be in, sorted. */
export const CHARGE_CURRENCY_CODES: readonly string[] = [...CHARGE_CURRENCIES.keys()].sort();

/** The currency as Stripe charges it; null for a code we do not take (any other spelling, 'eur' included). */
export function chargeCurrency(code: string): ChargeCurrency | null {
  return CHARGE_CURRENCIES.get(code) ?? null;
}

/**
 * Why `amount` minor units of `code` cannot be charged, as a sentence; null when Stripe takes it.
 * A free consultation (0) is never charged and is not asked about here.
 */
export function chargeAmountProblem(amount: number, code: string): string | null {
  const spec = chargeCurrency(code);
  if (!spec) return `must be in a currency Stripe charges cards in (${code} is not)`;
  if (!Number.isSafeInteger(amount) || amount < 1) return 'must be a positive whole number of minor units';
  const step = 10 ** (spec.exponent - spec.decimals);
  if (amount % step !== 0) return `must be a whole number of ${code} (${step} minor units each)`;
  if (amount < spec.minimum) {
    return `must be at least ${majorUnits(spec.minimum, spec)} ${code}, the least Stripe charges`;
  }
  if (amount > STRIPE_MAXIMUM_CHARGE) return `must be at most ${majorUnits(STRIPE_MAXIMUM_CHARGE, spec)} ${code}`;
  return null;
}

/**
 * "€45.00", "¥3,000", "ISK 5" from minor units: scaled by Stripe's exponent (the unit amounts are
 * stored in), shown with the decimals a price may have. A code outside the list falls back to
 * the browser's or Node's own data for it; one Intl does not know throws a RangeError.
 */
export function formatMinorUnits(amount: number, code: string, locale: string): string {
  const spec = chargeCurrency(code);
  if (!spec) {
    const format = new Intl.NumberFormat(locale, { style: 'currency', currency: code });
    return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
  }
  const digits = amount % 10 ** (spec.exponent - spec.decimals) === 0 ? spec.decimals : spec.exponent;
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: code,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return format.format(amount / 10 ** spec.exponent);
}

function majorUnits(amount: number, spec: ChargeCurrency): string {
  return (amount / 10 ** spec.exponent).toFixed(spec.decimals);
}
