import { MasterKeyRing } from '@vetmeet/crypto';
import type * as oidc from 'openid-client';
import type { AppConfig } from '../config/app-config';
import { sealClientSecret } from './client-secret-box';
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
