import { BIGINT_MAX, isPositiveBigintString } from './bigint-string';

describe('isPositiveBigintString', () => {
  it("accepts 1 to PostgreSQL's largest bigint, written plainly", () => {
    for (const value of ['1', '42', '9007199254740993', '999999999999999999', BIGINT_MAX]) {
      expect(isPositiveBigintString(value)).toBe(true);
    }
  });

  it('refuses zero, negatives, overflow and anything but plain digits', () => {
    const refused = ['0', '-1', '01', '9223372036854775808', '9999999999999999999', '10000000000000000000'];
    for (const value of [...refused, '1e3', '1.0', ' 1', '0x10', '', '１']) {
      expect(isPositiveBigintString(value)).toBe(false);
    }
  });
});
