import { reloadLimit } from './use-paged-list';

describe(reloadLimit.name, () => {
  const limits = { defaultLimit: 50, maxLimit: 100 };

  it('asks for the default on a first load, and for as many as were on screen on a reload, up to the maximum', () => {
    expect(reloadLimit(undefined, limits)).toBeUndefined();
    expect(reloadLimit(12, limits)).toBeUndefined();
    expect(reloadLimit(50, limits)).toBeUndefined();
    expect(reloadLimit(75, limits)).toBe(75);
    expect(reloadLimit(250, limits)).toBe(100);
  });

  it('leaves the size to the server for a list that names no limits', () => {
    expect(reloadLimit(250, undefined)).toBeUndefined();
  });
});
