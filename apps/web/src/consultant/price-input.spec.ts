import { currencyOptions, parsePrice, priceInputOf } from './price-input';

describe(parsePrice.name, () => {
  it.each([
    ['45', 'EUR', 4500],
    ['45.5', 'EUR', 4550],
    ['45,50', 'EUR', 4550],
    [' 0 ', 'EUR', 0],
    ['1500', 'JPY', 1500],
    ['1.250', 'KWD', 1250],
  ])('reads %j %s as %d minor units', (text, currency, amount) => {
    expect(parsePrice(text, currency)).toBe(amount);
  });

  it.each([
    ['', 'EUR'],
    ['-5', 'EUR'],
    ['45.505', 'EUR'],
    ['15.5', 'JPY'],
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
    expect(parsePrice(priceInputOf(123456, 'EUR'), 'EUR')).toBe(123456);
  });
});

describe(currencyOptions.name, () => {
  it('names the currencies and keeps one the browser does not list', () => {
    const options = currencyOptions(['XTS']);
    expect(options.find((option) => option.code === 'EUR')?.label).toBe('EUR · Euro');
    expect(options.some((option) => option.code === 'XTS')).toBe(true);
  });
});
