import { ErrorCode } from '@vetmeet/contracts';
import { MasterKeyRing } from '@vetmeet/crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as oidc from 'openid-client';
import type { AppError } from '../common/errors/app-error';
import type { AppConfig } from '../config/app-config';
import { sealClientSecret } from './client-secret-box';
import { RESPONSE_LIMIT_BYTES } from './issuer-network';
import { OidcConfigurations } from './oidc-configurations';
import type { StoredProvider } from './sso.repository';

const ring = MasterKeyRing.fromConfig(`test:${Buffer.alloc(32, 3).toString('base64')}`);
const clinicId = '0b8f8f8e-0d6a-4c43-9d1e-4a4c1d6f2b11';
const providerAt = (updatedAt: Date): StoredProvider => ({
  clinicId,
  issuer: 'https://idp.example',
  clientId: 'client',
  clientSecret: sealClientSecret(ring, clinicId, 'secret'),
  justInTimeRole: null,
  domains: ['clinic.example'],
  updatedAt,
});

/** Discovery answered by the test, one promise per call, in order. */
class ScriptedConfigurations extends OidcConfigurations {
  readonly calls: { resolve: (c: oidc.Configuration) => void; reject: (e: Error) => void }[] = [];
  override discover(): Promise<oidc.Configuration> {
    return new Promise((resolve, reject) => this.calls.push({ resolve, reject }));
  }
}

describe(OidcConfigurations.name, () => {
  const config = { NODE_ENV: 'test' } as AppConfig;

  it('discovers once per setting, and again after a failure or a change', async () => {
    const configurations = new ScriptedConfigurations(config, ring);
    const first = configurations.forProvider(providerAt(new Date(1000)));
    expect(configurations.forProvider(providerAt(new Date(1000)))).toBe(first);
    configurations.calls[0].reject(new Error('unreachable'));
    await expect(first).rejects.toThrow('unreachable');
    configurations.forProvider(providerAt(new Date(1000)));
    expect(configurations.calls).toHaveLength(2);
  });

  it('keeps a newer setting when an older one fails late', async () => {
    const configurations = new ScriptedConfigurations(config, ring);
    const older = configurations.forProvider(providerAt(new Date(1000)));
    const newer = configurations.forProvider(providerAt(new Date(2000)));
    configurations.calls[0].reject(new Error('late failure'));
    await expect(older).rejects.toThrow('late failure');
    expect(configurations.forProvider(providerAt(new Date(2000)))).toBe(newer);
    expect(configurations.calls).toHaveLength(2);
  });

  it('takes https issuers, and http only on loopback outside production', () => {
    const configurations = new OidcConfigurations(config, ring);
    expect(configurations.issuerUrl('https://idp.example').href).toBe('https://idp.example/');
    expect(configurations.issuerUrl('http://127.0.0.1:4000').host).toBe('127.0.0.1:4000');
    expect(() => configurations.issuerUrl('http://idp.example')).toThrow('https://');
    expect(() => configurations.issuerUrl('https://idp.example/?x=1')).toThrow('query');
    const production = new OidcConfigurations({ NODE_ENV: 'production' } as AppConfig, ring);
    expect(() => production.issuerUrl('http://127.0.0.1:4000')).toThrow('https://');
  });
});

describe('issuers the server may fetch', () => {
  const configured = (settings: Partial<AppConfig>) => new OidcConfigurations(settings as AppConfig, ring);
  const production = (settings: Partial<AppConfig> = {}) => configured({ NODE_ENV: 'production', ...settings });
  let server: Server;
  let base: string;
  let document: Record<string, unknown>;

  beforeAll(async () => {
    server = createServer((request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(document));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(() => {
    document = {
      issuer: base,
      authorization_endpoint: `${base}/authorize`,
      token_endpoint: `${base}/token`,
      jwks_uri: `${base}/jwks`,
    };
  });

  it('refuses in production an issuer on loopback, private, link-local or metadata addresses', async () => {
    for (const issuer of [
      'https://127.0.0.1',
      'https://localhost:8443',
      'https://10.1.2.3',
      'https://172.20.0.1',
      'https://192.168.0.10',
      'https://169.254.169.254',
      'https://100.100.100.200',
      'https://[::1]',
      'https://[fd00:ec2::254]',
      'https://[::ffff:127.0.0.1]',
    ]) {
      const refused = production().discover(issuer, 'client', 'secret');
      await expect(refused.catch((error: AppError) => `${issuer} ${error.code}`)).resolves.toBe(
        `${issuer} ${ErrorCode.SsoIssuerNotAllowed}`,
      );
    }
  });

  it('reaches an internal issuer that SSO_ALLOWED_INTERNAL_ISSUERS names', async () => {
    const allowed = production({ SSO_ALLOWED_INTERNAL_ISSUERS: 'https://127.0.0.1:9' });
    // Past the network rule; nothing answers there, so discovery itself fails.
    await expect(allowed.discover('https://127.0.0.1:9', 'client', 'secret')).rejects.toMatchObject({
      code: ErrorCode.SsoDiscoveryFailed,
    });
  });

  it('takes a discovery document of a sensible size, and refuses a bigger one unread', async () => {
    const configurations = configured({ NODE_ENV: 'test' });
    await expect(configurations.discover(base, 'client', 'secret')).resolves.toBeDefined();
    document.padding = 'x'.repeat(RESPONSE_LIMIT_BYTES + 1);
    await expect(configurations.discover(base, 'client', 'secret')).rejects.toMatchObject({
      code: ErrorCode.SsoDiscoveryFailed,
    });
  });
});
