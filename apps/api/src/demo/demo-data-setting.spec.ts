import { loadConfig } from '../config/load-config';
import { configProblems } from '../config/testing/config-problems';
import { validProductionSettings } from '../config/testing/production-settings';
import { demoDataEnabled } from './demo.module';

describe('DEMO_DATA', () => {
  it('is on in development and off in test unless set', () => {
    expect(demoDataEnabled(loadConfig({}))).toBe(true);
    expect(demoDataEnabled(loadConfig({ NODE_ENV: 'test' }))).toBe(false);
    expect(demoDataEnabled(loadConfig({ NODE_ENV: 'test', DEMO_DATA: 'on' }))).toBe(true);
  });

  it('is switched off with off (or false)', () => {
    expect(demoDataEnabled(loadConfig({ DEMO_DATA: 'off' }))).toBe(false);
    expect(demoDataEnabled(loadConfig({ DEMO_DATA: 'false' }))).toBe(false);
  });

  it('refuses anything but on or off, naming the variable', () => {
    expect(configProblems({ DEMO_DATA: 'yes please' })).toEqual(['DEMO_DATA: must be on or off (got "yes please")']);
  });

  it('is refused in production with a message saying why, and off there by default', () => {
    expect(configProblems({ ...validProductionSettings, DEMO_DATA: 'on' })).toEqual([
      expect.stringMatching(/^DEMO_DATA: must be off in production: the demo accounts' passwords are shown/),
    ]);
    expect(demoDataEnabled(loadConfig(validProductionSettings))).toBe(false);
    expect(demoDataEnabled(loadConfig({ ...validProductionSettings, DEMO_DATA: 'off' }))).toBe(false);
  });
});
