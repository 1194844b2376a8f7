import { formatBytes } from './recording-labels';

describe('recording sizes', () => {
  it('reads in decimal units, one decimal below ten', () => {
    expect(formatBytes(999)).toBe('999 bytes');
    expect(formatBytes(235_412)).toBe('235 kB');
    expect(formatBytes(1_572_864)).toBe('1.6 MB');
    expect(formatBytes(48_000_000_000)).toBe('48 GB');
  });
});
