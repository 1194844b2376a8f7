import { pageLimit } from './use-paged-list';

describe(pageLimit.name, () => {
  it('asks for the default on a first load, and for as many as were on screen on a reload, up to the maximum', () => {
    expect(pageLimit(undefined, 50, 100)).toBeUndefined();
    expect(pageLimit(12, 50, 100)).toBeUndefined();
    expect(pageLimit(50, 50, 100)).toBeUndefined();
    expect(pageLimit(75, 50, 100)).toBe(75);
    expect(pageLimit(250, 50, 100)).toBe(100);
  });
});
