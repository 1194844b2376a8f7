import { minorUnitsPerMajor } from '../format/money';

/*
 * The consultant types prices in major units ("45.50"); the API keeps minor units (4550 for
 * EUR, 1500 for JPY 1500). How many decimals a currency has comes from the browser's data.
 */

function decimalsOf(currency: string): number {
  try {
    return Math.round(Math.log10(minorUnitsPerMajor(currency)));
  } catch {
    return 2;
  }
}

/** "45", "45.5", "45,50" → 4550 (EUR); null when it is not an amount the currency can hold. */
export function parsePrice(text: string, currency: string): number | null {
  const digits = decimalsOf(currency);
  const match = /^(\d{1,9})(?:[.,](\d+))?$/.exec(text.trim());
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** 4550 (EUR) → "45.50": what the price input shows. */
export function priceInputOf(amount: number, currency: string): string {
  const digits = decimalsOf(currency);
  return (amount / 10 ** digits).toFixed(digits);
}

/** The currencies the browser knows, for the profile's select, with their English names. */
export function currencyOptions(include: string[] = []): { code: string; label: string }[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('currency') : ['EUR', 'USD', 'GBP'];
  const codes = [...new Set([...known, ...include.filter(Boolean)])].sort();
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
