import { currencyOptions, parsePrice, priceInputOf } from './price-input';

describe(parsePrice.name, () => {
  it.each([
    ['45', 'EUR', 4500],
    ['45.5', 'EUR', 4550],
    ['45,50', 'EUR', 4550],
    [' 0 ', 'EUR', 0],
    ['1500', 'JPY', 1500],
    ['1.250', 'KWD', 1250],
    // Stripe counts HUF in hundredths and ISK in hundredths of whole krónur, though Intl gives both no decimals.
    ['175', 'HUF', 17500],
    ['175.50', 'HUF', 17550],
    ['5', 'ISK', 500],
  ])('reads %j %s as %d minor units', (text, currency, amount) => {
    expect(parsePrice(text, currency)).toBe(amount);
  });

  it.each([
    ['', 'EUR'],
    ['-5', 'EUR'],
    ['45.505', 'EUR'],
    ['15.5', 'JPY'],
    ['5.5', 'ISK'],
    ['1e3', 'EUR'],
    ['€45', 'EUR'],
  ])('refuses %j %s', (text, currency) => {
    expect(parsePrice(text, currency)).toBeNull();
  });
});

describe(priceInputOf.name, () => {
  it('writes minor units back in major units with the currency’s decimals', () => {
    expect(priceInputOf(4550, 'EUR')).toBe('45.50');
    expect(priceInputOf(1500, 'JPY')).toBe('1500');
    expect(priceInputOf(17500, 'HUF')).toBe('175.00');
    expect(priceInputOf(500, 'ISK')).toBe('5');
    expect(parsePrice(priceInputOf(123456, 'EUR'), 'EUR')).toBe(123456);
  });
});

describe(currencyOptions.name, () => {
  it('names the currencies and keeps one the browser does not list', () => {
    const options = currencyOptions(['XTS']);
    expect(options.find((option) => option.code === 'EUR')?.label).toBe('EUR · Euro');
    expect(options.some((option) => option.code === 'XTS')).toBe(true);
  });

  it('offers only currencies Stripe charges cards in', () => {
    const codes = currencyOptions().map((option) => option.code);
    expect(codes).toEqual(expect.arrayContaining(['EUR', 'JPY', 'HUF']));
    for (const code of ['XXX', 'XAU', 'KWD', 'BGN']) expect(codes).not.toContain(code);
  });
});
