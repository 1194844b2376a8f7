import { CHARGE_CURRENCY_CODES, chargeAmountProblem, chargeCurrency, formatMinorUnits, STRIPE_MAXIMUM_CHARGE } from './charge-currencies';

describe('currencies a price may be in', () => {
  it('takes only currencies Stripe charges cards in, spelt in upper case as stored', () => {
    expect(CHARGE_CURRENCY_CODES).toEqual(expect.arrayContaining(['EUR', 'USD', 'GBP', 'JPY', 'KRW', 'HUF', 'ISK', 'UGX']));
    for (const code of ['XXX', 'XTS', 'eur', 'Eur', 'KWD', 'BGN', 'EURO', '']) expect(chargeCurrency(code)).toBeNull();
    expect(CHARGE_CURRENCY_CODES.every((code) => /^[A-Z]{3}$/.test(code))).toBe(true);
  });

  it('counts minor units as Stripe does: JPY and KRW none, ISK and UGX in hundredths of whole units, HUF in hundredths', () => {
    expect(chargeCurrency('JPY')).toMatchObject({ exponent: 0, decimals: 0, minimum: 50 });
    expect(chargeCurrency('KRW')).toMatchObject({ exponent: 0, decimals: 0, minimum: 50 });
    expect(chargeCurrency('ISK')).toMatchObject({ exponent: 2, decimals: 0, minimum: 100 });
    expect(chargeCurrency('HUF')).toMatchObject({ exponent: 2, decimals: 2, minimum: 17500 });
    expect(chargeCurrency('EUR')).toMatchObject({ exponent: 2, decimals: 2, minimum: 50 });
  });
});

describe(chargeAmountProblem.name, () => {
  it.each([
    [50, 'EUR'],
    [30, 'GBP'],
    [50, 'JPY'],
    [3000, 'KRW'],
    [1000, 'MXN'],
    [500, 'ISK'],
    [1, 'KES'],
    [STRIPE_MAXIMUM_CHARGE, 'EUR'],
  ])('takes %d %s', (amount, code) => {
    expect(chargeAmountProblem(amount, code)).toBeNull();
  });

  it.each([
    [49, 'EUR', 'must be at least 0.50 EUR, the least Stripe charges'],
    [49, 'JPY', 'must be at least 50 JPY, the least Stripe charges'],
    [999, 'MXN', 'must be at least 10.00 MXN, the least Stripe charges'],
    [550, 'ISK', 'must be a whole number of ISK (100 minor units each)'],
    [STRIPE_MAXIMUM_CHARGE + 1, 'EUR', 'must be at most 999999.99 EUR'],
    [0, 'EUR', 'must be a positive whole number of minor units'],
    [45.5, 'EUR', 'must be a positive whole number of minor units'],
    [4500, 'XXX', 'must be in a currency Stripe charges cards in (XXX is not)'],
  ])('refuses %d %s: %s', (amount, code, problem) => {
    expect(chargeAmountProblem(amount, code)).toBe(problem);
  });
});

describe(formatMinorUnits.name, () => {
  it('scales by the unit Stripe counts in, whatever Intl thinks the currency has', () => {
    expect(formatMinorUnits(4500, 'EUR', 'en-GB')).toBe('€45.00');
    expect(formatMinorUnits(3000, 'JPY', 'en-GB')).toBe('JP¥3,000');
    expect(formatMinorUnits(5000, 'KRW', 'en-GB')).toBe('₩5,000');
    // Intl gives these no decimals; Stripe counts their hundredths.
    expect(formatMinorUnits(17500, 'HUF', 'en-GB')).toBe('HUF\u00a0175.00');
    expect(formatMinorUnits(500, 'ISK', 'en-GB')).toBe('ISK\u00a05');
  });

  it('falls back to Intl for a code outside the list', () => {
    expect(formatMinorUnits(12345, 'KWD', 'en-GB')).toBe('KWD\u00a012.345');
  });
});
