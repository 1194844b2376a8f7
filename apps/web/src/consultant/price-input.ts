import { CHARGE_CURRENCY_CODES } from '@vetmeet/contracts/client';
import { minorUnitsPerMajor, priceDecimals } from '../format/money';

/*
 * The consultant types prices in major units ("45.50"); the API keeps Stripe's minor units (4550
 * for EUR, 1500 for JPY 1500, 500 for ISK 5). Scale and decimals come from the currency list the
 * API checks against, so the form never sends an amount the API would refuse for its scale.
 */

function scaleOf(currency: string): { exponent: number; decimals: number } {
  try {
    return { exponent: Math.round(Math.log10(minorUnitsPerMajor(currency))), decimals: priceDecimals(currency) };
  } catch {
    return { exponent: 2, decimals: 2 };
  }
}

/** "45", "45.5", "45,50" → 4550 (EUR); null when it is not an amount the currency can hold. */
export function parsePrice(text: string, currency: string): number | null {
  const { exponent, decimals } = scaleOf(currency);
  const match = /^(\d{1,9})(?:[.,](\d+))?$/.exec(text.trim());
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > decimals) return null;
  const fractionUnits = Number(fraction.padEnd(decimals, '0') || '0') * 10 ** (exponent - decimals);
  const minor = Number(match[1]) * 10 ** exponent + fractionUnits;
  return Number.isSafeInteger(minor) ? minor : null;
}

/** 4550 (EUR) → "45.50": what the price input shows. */
export function priceInputOf(amount: number, currency: string): string {
  const { exponent, decimals } = scaleOf(currency);
  return (amount / 10 ** exponent).toFixed(decimals);
}

/** The currencies a price may be in (those Stripe charges cards in), with their English names. */
export function currencyOptions(include: string[] = []): { code: string; label: string }[] {
  const codes = [...new Set([...CHARGE_CURRENCY_CODES, ...include.filter(Boolean)])].sort();
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames(['en'], { type: 'currency' });
  } catch {
    names = null;
  }
  return codes.map((code) => {
    const name = names?.of(code);
    return { code, label: name && name !== code ? `${code} · ${name}` : code };
  });
}
