import { loadConfig } from '../config/load-config';
import { configProblems } from '../config/testing/config-problems';
import { validProductionSettings } from '../config/testing/production-settings';
import { parseTurnUrls } from './turn-urls';

const SECRET = 'a-turn-secret-for-tests-only';
const URLS = 'turn:turn.vetmeet.example:3478?transport=udp, turns:turn.vetmeet.example:443?transport=tcp';

describe('TURN settings', () => {
  it('are optional: no TURN at all is a valid configuration, in production too', () => {
    expect(configProblems({})).toEqual([]);
    expect(configProblems(validProductionSettings)).toEqual([]);
    expect(loadConfig({}).TURN_CREDENTIAL_TTL_SECONDS).toBe(14400);
  });

  it('demand TURN_SECRET with TURN_URLS, naming it, and TURN_URLS with TURN_SECRET', () => {
    expect(configProblems({ TURN_URLS: URLS })).toEqual(['TURN_SECRET: must be at least 16 characters (required with TURN_URLS) (got nothing)']);
    expect(configProblems({ TURN_SECRET: SECRET })).toEqual([expect.stringMatching(/^TURN_URLS: must be 1 to 10 comma-separated turn: or turns: URIs .*\(got nothing\)$/)]);
    expect(configProblems({ ...validProductionSettings, TURN_URLS: URLS, TURN_SECRET: SECRET })).toEqual([]);
  });

  it('never echo the secret back in an error', () => {
    const problems = configProblems({ TURN_URLS: URLS, TURN_SECRET: 'too-short' }).join('\n');
    expect(problems).toMatch(/^TURN_SECRET: .*\(got \(hidden\)\)$/);
    expect(problems).not.toContain('too-short');
  });

  it('refuse what a browser would refuse as a TURN server, quoting it', () => {
    for (const bad of ['stun:turn.example:3478', 'https://turn.example', 'turn:user:pw@turn.example', 'turn:turn.example:70000', 'turn:turn.example?transport=sctp', ',']) {
      expect(configProblems({ TURN_URLS: bad, TURN_SECRET: SECRET })).toEqual([expect.stringContaining(`TURN_URLS: must be 1 to 10`)]);
    }
    expect(configProblems({ TURN_URLS: 'turn:a.example,ftp://b.example', TURN_SECRET: SECRET }).join('\n')).toContain('"turn:a.example,ftp://b.example"');
  });

  it('bound the credential lifetime', () => {
    expect(configProblems({ TURN_CREDENTIAL_TTL_SECONDS: '30' })).toEqual([expect.stringMatching(/^TURN_CREDENTIAL_TTL_SECONDS: /)]);
    expect(configProblems({ TURN_CREDENTIAL_TTL_SECONDS: '604800' })).toEqual([expect.stringMatching(/^TURN_CREDENTIAL_TTL_SECONDS: /)]);
    expect(loadConfig({ TURN_CREDENTIAL_TTL_SECONDS: '3600' }).TURN_CREDENTIAL_TTL_SECONDS).toBe(3600);
  });
});

describe(parseTurnUrls.name, () => {
  it('splits, trims and accepts host names, IPv4 and [IPv6] with optional port and transport', () => {
    expect(parseTurnUrls(' turn:127.0.0.1:3479?transport=udp ,turns:turn.example, turn:[::1]:3478?transport=tcp ')).toEqual([
      'turn:127.0.0.1:3479?transport=udp',
      'turns:turn.example',
      'turn:[::1]:3478?transport=tcp',
    ]);
  });

  it('refuses an empty list and more than ten servers', () => {
    expect(parseTurnUrls('')).toBeUndefined();
    expect(parseTurnUrls(Array.from({ length: 11 }, (_, i) => `turn:t${i}.example`).join(','))).toBeUndefined();
  });
});
