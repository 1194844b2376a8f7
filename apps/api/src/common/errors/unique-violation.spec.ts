import { QueryFailedError } from 'typeorm';
import { isUniqueViolation } from './unique-violation';

describe('isUniqueViolation', () => {
  it("knows a unique violation from TypeORM's wrapper and from pg's own error, and nothing else", () => {
    const pgError = Object.assign(new Error('duplicate key'), { code: '23505' });
    expect(isUniqueViolation(new QueryFailedError('INSERT …', [], pgError))).toBe(true);
    expect(isUniqueViolation(pgError)).toBe(true);
    const otherError = Object.assign(new Error('not null'), { code: '23502' });
    expect(isUniqueViolation(new QueryFailedError('INSERT …', [], otherError))).toBe(false);
    for (const value of [otherError, new Error('plain'), null, undefined, '23505']) expect(isUniqueViolation(value)).toBe(false);
  });
});
