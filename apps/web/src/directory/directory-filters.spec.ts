import { directoryQuery, filtersFromSearch, hasFilters, noFilters, searchFromFilters, toCode, toQueryString } from './directory-filters';

describe(filtersFromSearch.name, () => {
  it('reads each filter from the query string', () => {
    expect(filtersFromSearch(new URLSearchParams('species=cat&language=uk&specialty=dermatology&date=2026-11-24'))).toEqual({
      species: 'cat',
      language: 'uk',
      specialty: 'dermatology',
      date: '2026-11-24',
    });
  });

  it('is empty without a query', () => {
    expect(filtersFromSearch(new URLSearchParams(''))).toEqual(noFilters);
  });

  it('normalizes codes as typed and drops what could never match', () => {
    expect(filtersFromSearch(new URLSearchParams('species=%20Dog%20&specialty=Internal%20Medicine'))).toMatchObject({ species: 'dog', specialty: 'internal-medicine' });
    expect(filtersFromSearch(new URLSearchParams('species=%3Cscript%3E&language=english!&date=2026-02-30'))).toEqual(noFilters);
  });

  it('keeps a regional language tag as it is written', () => {
    expect(filtersFromSearch(new URLSearchParams('language=pt-BR')).language).toBe('pt-BR');
  });
});

describe(searchFromFilters.name, () => {
  it('writes only the filters that are set, in a fixed order', () => {
    expect(searchFromFilters({ ...noFilters, date: '2026-11-24', species: 'cat' })).toBe('?species=cat&date=2026-11-24');
    expect(searchFromFilters(noFilters)).toBe('');
  });

  it('is read back by filtersFromSearch', () => {
    const filters = { species: 'rabbit', language: 'pt-BR', specialty: 'behaviour', date: '2027-01-05' };
    expect(filtersFromSearch(new URLSearchParams(searchFromFilters(filters)))).toEqual(filters);
    expect(hasFilters(filters)).toBe(true);
    expect(hasFilters(noFilters)).toBe(false);
  });
});

describe(directoryQuery.name, () => {
  it('sends the viewer’s zone only with a date, which is read in it', () => {
    expect(directoryQuery({ ...noFilters, species: 'cat' }, 'Europe/Kyiv', null)).toEqual({ limit: 20, species: 'cat' });
    expect(directoryQuery({ ...noFilters, date: '2026-11-24' }, 'Europe/Kyiv', 'abc')).toEqual({ limit: 20, date: '2026-11-24', timeZone: 'Europe/Kyiv', cursor: 'abc' });
  });
});

describe(toQueryString.name, () => {
  it('encodes values and leaves out unset ones', () => {
    expect(toQueryString({ from: '2026-11-23', to: undefined, timeZone: 'America/New_York', durationMinutes: 30 })).toBe('?from=2026-11-23&timeZone=America%2FNew_York&durationMinutes=30');
    expect(toQueryString({})).toBe('');
  });
});

describe(toCode.name, () => {
  it('makes a code of what a person typed, or nothing', () => {
    expect(toCode('Exotic pets')).toBe('exotic-pets');
    expect(toCode('')).toBe('');
    expect(toCode('9lives')).toBe('');
  });
});
