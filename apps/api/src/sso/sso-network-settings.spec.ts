import { configProblems } from '../config/testing/config-problems';
import { loadConfig } from '../config/load-config';
import { parseAllowedInternalIssuers, parseDnsServers } from './sso-network-settings';

describe('single sign-on network settings', () => {
  it('takes 1 to 4 DNS servers as addresses, each with an optional port', () => {
    expect(parseDnsServers('1.1.1.1, 8.8.8.8:53,[2606:4700::1]:53')).toEqual([
      '1.1.1.1',
      '8.8.8.8:53',
      '[2606:4700::1]:53',
    ]);
    const five = '1.1.1.1,2.2.2.2,3.3.3.3,4.4.4.4,5.5.5.5';
    for (const bad of ['', 'dns.example', '1.1.1.1:0', '1.1.1.1:70000', '[1.1.1.1]', five]) {
      expect({ bad, parsed: parseDnsServers(bad) }).toEqual({ bad, parsed: undefined });
    }
    expect(loadConfig({ SSO_DNS_SERVERS: '127.0.0.1:5353' }).SSO_DNS_SERVERS).toBe('127.0.0.1:5353');
    expect(configProblems({ SSO_DNS_SERVERS: 'dns.example' })).toEqual([expect.stringMatching(/^SSO_DNS_SERVERS: /)]);
  });

  it('takes allowed internal issuers as origins, never with credentials', () => {
    expect(parseAllowedInternalIssuers('https://sso.internal.example/realms/x, https://10.0.0.5:8443')).toEqual([
      'https://sso.internal.example',
      'https://10.0.0.5:8443',
    ]);
    for (const bad of ['', 'sso.internal', 'ftp://sso.internal', 'https://user:pw@sso.internal']) {
      expect({ bad, parsed: parseAllowedInternalIssuers(bad) }).toEqual({ bad, parsed: undefined });
    }
    expect(configProblems({ SSO_ALLOWED_INTERNAL_ISSUERS: 'not a url' })).toEqual([
      expect.stringMatching(/^SSO_ALLOWED_INTERNAL_ISSUERS: /),
    ]);
  });
});
