import { formatPrice, formatPriceOrFree, minorUnitsPerMajor } from './money';

describe(formatPrice.name, () => {
  it('reads the amount in minor units of the currency', () => {
    expect(formatPrice(4500, 'EUR')).toBe('€45.00');
    expect(formatPrice(4550, 'GBP')).toBe('£45.50');
    expect(formatPrice(1, 'USD')).toBe('US$0.01');
  });

  it('knows currencies without minor units and with three of them', () => {
    expect(minorUnitsPerMajor('JPY')).toBe(1);
    expect(minorUnitsPerMajor('KWD')).toBe(1000);
    expect(formatPrice(3000, 'JPY')).toBe('JP¥3,000');
    expect(formatPrice(12345, 'KWD')).toBe('KWD\u00a012.345');
  });

  it('accepts a lower-case code and formats for the given locale', () => {
    expect(formatPrice(4500, 'eur')).toBe('€45.00');
    expect(formatPrice(4500, 'EUR', 'de-DE')).toBe('45,00\u00a0€');
  });

  it('shows an amount in a code Intl refuses without scaling it', () => {
    expect(formatPrice(4500, 'NOT-A-CODE')).toBe('4500 NOT-A-CODE (minor units)');
  });
});

describe(formatPriceOrFree.name, () => {
  it('calls nothing to pay free', () => {
    expect(formatPriceOrFree(0, 'EUR')).toBe('Free');
    expect(formatPriceOrFree(2000, 'EUR')).toBe('€20.00');
  });
});

describe('amounts in the minor units Stripe charges', () => {
  it('reads HUF and IDR in hundredths and ISK in hundredths of whole krónur, as Stripe counts them', () => {
    expect(formatPrice(17500, 'HUF')).toBe('HUF\u00a0175.00');
    expect(formatPrice(5000000, 'IDR')).toBe('IDR\u00a050,000.00');
    expect(formatPrice(500, 'ISK')).toBe('ISK\u00a05');
    expect(minorUnitsPerMajor('HUF')).toBe(100);
    expect(minorUnitsPerMajor('ISK')).toBe(100);
  });

  it('keeps zero-decimal currencies whole', () => {
    expect(formatPrice(5000, 'KRW')).toBe('₩5,000');
    expect(formatPriceOrFree(50, 'JPY')).toBe('JP¥50');
  });
});
