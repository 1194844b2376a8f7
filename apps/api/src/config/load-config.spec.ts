import { knownSettings, loadConfig } from './load-config';
import { validProductionSettings } from './testing/production-settings';
import { configProblems } from './testing/config-problems';

const productionBase = validProductionSettings;

const problemsOf = configProblems;

describe(loadConfig.name, () => {
  it('runs locally with no settings at all', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ NODE_ENV: 'development', PORT: 3000, HOST: '127.0.0.1', DATA_DIR: './data' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DEV_MEDIA_LOOPBACK).toBe(true);
  });

  it('converts numbers and booleans from their text form', () => {
    const config = loadConfig({ PORT: '8080', MEDIA_WORKERS: '3', DEV_MEDIA_LOOPBACK: 'false' });
    expect(config.PORT).toBe(8080);
    expect(config.MEDIA_WORKERS).toBe(3);
    expect(config.DEV_MEDIA_LOOPBACK).toBe(false);
  });

  it('keeps the database pool between 2 and 200 connections', () => {
    expect(loadConfig({}).DATABASE_POOL_SIZE).toBe(10);
    expect(loadConfig({ DATABASE_POOL_SIZE: '40' }).DATABASE_POOL_SIZE).toBe(40);
    for (const size of ['1', '201', 'many']) expect(problemsOf({ DATABASE_POOL_SIZE: size })).toEqual([expect.stringMatching(/^DATABASE_POOL_SIZE: /)]);
  });

  it('names every bad variable at once', () => {
    const problems = problemsOf({ PORT: 'eighty', HOST: 'not-an-ip', MEDIA_LOG_LEVEL: 'loud' });
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^PORT: /), expect.stringMatching(/^HOST: /), expect.stringMatching(/^MEDIA_LOG_LEVEL: /)]),
    );
    expect(problems.join('\n')).toContain('"eighty"');
  });

  it('demands a database URL and a session secret in production, with no defaults', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^DATABASE_URL: /), expect.stringMatching(/^DATABASE_APP_URL: /), expect.stringMatching(/^SESSION_SECRET: /)]),
    );
  });

  it('never echoes a secret back in an error', () => {
    const problems = problemsOf({ ...productionBase, SESSION_SECRET: 'short-secret-value' });
    expect(problems.join('\n')).toContain('SESSION_SECRET');
    expect(problems.join('\n')).not.toContain('short-secret-value');
    const metrics = problemsOf({ METRICS_TOKEN: 'short-token' });
    expect(metrics).toEqual([expect.stringMatching(/^METRICS_TOKEN: .*at least 32/)]);
    expect(metrics.join('\n')).not.toContain('short-token');
  });

  it('never prints the password inside a bad URL setting', () => {
    const problems = problemsOf({ DATABASE_URL: 'mysql://vetmeet:hunter2@db.example/vetmeet' }).join('\n');
    expect(problems).toContain('DATABASE_URL');
    expect(problems).toContain('vetmeet:***@db.example');
    expect(problems).not.toContain('hunter2');
  });

  it('takes a redis:// or rediss:// URL for the rate limits, never printing its password, and budgets of 0 or more', () => {
    expect(loadConfig({}).REDIS_URL).toBeUndefined();
    expect(loadConfig({ REDIS_URL: 'rediss://:pw@cache.example:6380/0' }).REDIS_URL).toBe('rediss://:pw@cache.example:6380/0');
    const problems = problemsOf({ REDIS_URL: 'http://user:hunter2@cache.example' });
    expect(problems).toEqual([expect.stringMatching(/^REDIS_URL: .*redis:\/\/ or rediss:\/\//)]);
    expect(problems.join('\n')).not.toContain('hunter2');
    expect(loadConfig({}).RATE_LIMIT_PER_ADDRESS_PER_MINUTE).toBe(1200);
    expect(loadConfig({ RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: '0' }).RATE_LIMIT_PER_ACCOUNT_PER_MINUTE).toBe(0);
    expect(problemsOf({ RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: '-1' })).toEqual([expect.stringMatching(/^RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: /)]);
  });

  it('refuses the unauthenticated media loopback in production, and leaves it off by default there', () => {
    expect(problemsOf({ ...productionBase, DEV_MEDIA_LOOPBACK: 'true' })).toEqual([expect.stringMatching(/^DEV_MEDIA_LOOPBACK: must be false in production/)]);
    expect(loadConfig(productionBase).DEV_MEDIA_LOOPBACK).toBe(false);
  });

  it('describes every setting it reads', () => {
    const settings = knownSettings();
    expect(Object.keys(settings)).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'SESSION_SECRET', 'MEDIA_WORKERS']));
    for (const description of Object.values(settings)) expect(description.length).toBeGreaterThan(10);
  });
});

describe('MASTER_KEYS', () => {
  it('is checked at start, and the error never shows key material', () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    const problems = problemsOf({ MASTER_KEYS: `k1:${key},k1:${key}` }).join('\n');
    expect(problems).toMatch(/^MASTER_KEYS: /);
    expect(problems).not.toContain(key);
    expect(problemsOf({ MASTER_KEYS: 'k1:c2hvcnQ=' }).join('\n')).toMatch(/^MASTER_KEYS: /);
  });
});
