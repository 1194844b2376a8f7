import { configProblems } from '../config/testing/config-problems';
import { loadConfig } from '../config/load-config';
import { platformFee } from './platform-fee';

describe(platformFee.name, () => {
  it('takes the percentage in minor units, halves rounded up', () => {
    expect(platformFee(4500, 0)).toBe(0);
    expect(platformFee(4500, 10)).toBe(450);
    expect(platformFee(4500, 7.5)).toBe(338); // 337.5
    expect(platformFee(1001, 12.25)).toBe(123); // 122.6225
    expect(platformFee(50, 1)).toBe(1); // 0.5
    expect(platformFee(49, 1)).toBe(0); // 0.49
    expect(platformFee(4500, 100)).toBe(4500);
  });

  it('does not let a binary fraction of the percent tip a half: 0.57 % of 5000 is 28.5, so 29', () => {
    expect((5000 * 0.57) / 100).toBeLessThan(28.5);
    expect(platformFee(5000, 0.57)).toBe(29);
  });
});

describe('PLATFORM_FEE_PERCENT', () => {
  it('defaults to 0 and reads 0 to 100 with at most two decimals', () => {
    expect(loadConfig({}).PLATFORM_FEE_PERCENT).toBe(0);
    expect(loadConfig({ PLATFORM_FEE_PERCENT: '7.5' }).PLATFORM_FEE_PERCENT).toBe(7.5);
    expect(loadConfig({ PLATFORM_FEE_PERCENT: '100' }).PLATFORM_FEE_PERCENT).toBe(100);
    expect(loadConfig({ PLATFORM_FEE_PERCENT: '0.01' }).PLATFORM_FEE_PERCENT).toBe(0.01);
  });

  it('refuses anything else, naming the setting', () => {
    for (const value of ['', '-1', '100.01', '101', '7.555', 'ten', '1e1', ' 5', '0x10', 'NaN']) {
      expect(configProblems({ PLATFORM_FEE_PERCENT: value })).toEqual([
        expect.stringMatching(/^PLATFORM_FEE_PERCENT: must be a percentage from 0 to 100/),
      ]);
    }
  });
});
