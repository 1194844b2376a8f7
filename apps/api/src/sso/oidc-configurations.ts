import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import { MasterKeyRing } from '@vetmeet/crypto';
import * as oidc from 'openid-client';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { openClientSecret } from './client-secret-box';
import { ISSUER_NOT_ALLOWED, providerFetch, resolvesInternally } from './issuer-network';
import { parseAllowedInternalIssuers } from './sso-network-settings';
import type { StoredProvider } from './sso.repository';

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;
/** A provider's metadata and keys change rarely; a changed setting makes a new entry at once. */
const CACHE_MS = 10 * 60 * 1000;
const DISCOVERY_TIMEOUT_SECONDS = 10;

/**
 * openid-client Configurations (the provider's discovered metadata plus our client) for the clinics'
 * providers. Discovery refuses a document that names another issuer than the one asked, so a clinic
 * cannot be pointed at a provider that speaks for someone else. The server fetches an address an
 * admin typed, so in production it reaches no internal network (loopback, private, link-local,
 * cloud metadata) but the issuers SSO_ALLOWED_INTERNAL_ISSUERS names, each request within
 * DISCOVERY_TIMEOUT_SECONDS and each answer within RESPONSE_LIMIT_BYTES.
 */
@Injectable()
export class OidcConfigurations {
  private readonly logger = new Logger(OidcConfigurations.name);
  private readonly cache = new Map<
    string,
    { version: number; until: number; configuration: Promise<oidc.Configuration> }
  >();

  private readonly allowedInternal: string[];

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly ring: MasterKeyRing,
  ) {
    const allowed = config.SSO_ALLOWED_INTERNAL_ISSUERS;
    this.allowedInternal = allowed ? (parseAllowedInternalIssuers(allowed) ?? []) : [];
  }

  /** Asks the issuer for its discovery document with these client credentials; SSO_DISCOVERY_FAILED when it fails. */
  async discover(issuer: string, clientId: string, clientSecret: string): Promise<oidc.Configuration> {
    const server = this.issuerUrl(issuer);
    const publicOnly = this.config.NODE_ENV === 'production' && !this.allowedInternal.includes(server.origin);
    if (publicOnly && (await resolvesInternally(server.hostname))) {
      this.logger.warn({ code: ISSUER_NOT_ALLOWED }, 'OpenID Connect issuer refused');
      throw new AppError(ErrorCode.SsoIssuerNotAllowed);
    }
    try {
      return await oidc.discovery(server, clientId, undefined, oidc.ClientSecretPost(clientSecret), {
        execute: server.protocol === 'http:' ? [oidc.allowInsecureRequests] : [],
        timeout: DISCOVERY_TIMEOUT_SECONDS,
        [oidc.customFetch]: providerFetch(publicOnly),
      });
    } catch (error) {
      if (errorCodeOf(error) === ISSUER_NOT_ALLOWED) throw new AppError(ErrorCode.SsoIssuerNotAllowed);
      // The library's code says what failed (unreachable, issuer mismatch); never the issuer's answer.
      this.logger.warn({ code: errorCodeOf(error) }, 'OpenID Connect discovery failed');
      throw new AppError(ErrorCode.SsoDiscoveryFailed);
    }
  }

  /** The configuration of a stored provider, discovered once per setting and kept for a while. */
  forProvider(provider: StoredProvider): Promise<oidc.Configuration> {
    const version = provider.updatedAt.getTime();
    const cached = this.cache.get(provider.clinicId);
    if (cached && cached.version === version && cached.until > Date.now()) return cached.configuration;
    const secret = openClientSecret(this.ring, provider.clinicId, provider.clientSecret);
    const configuration = this.discover(provider.issuer, provider.clientId, secret);
    this.cache.set(provider.clinicId, { version, until: Date.now() + CACHE_MS, configuration });
    // A failed discovery is asked again next time, unless a newer setting replaced it meanwhile.
    configuration.catch(() => {
      if (this.cache.get(provider.clinicId)?.configuration === configuration) this.cache.delete(provider.clinicId);
    });
    return configuration;
  }

  /** https only, but for a provider on this machine outside production (tests, local trials). */
  issuerUrl(issuer: string): URL {
    let url: URL;
    try {
      url = new URL(issuer);
    } catch {
      throw new AppError(ErrorCode.ValidationFailed, 'issuer must be a URL.');
    }
    const loopbackHttp =
      url.protocol === 'http:' && LOOPBACK_HOSTS.test(url.hostname) && this.config.NODE_ENV !== 'production';
    if (url.protocol !== 'https:' && !loopbackHttp)
      throw new AppError(ErrorCode.ValidationFailed, 'issuer must be an https:// URL.');
    if (url.search || url.hash || url.username || url.password) {
      throw new AppError(ErrorCode.ValidationFailed, 'issuer must not carry a query, fragment or credentials.');
    }
    return url;
  }
}

/** The code of an error, or of the error that caused it (openid-client wraps what fetch threw). */
export function errorCodeOf(error: unknown): string {
  for (let cause = error, depth = 0; cause && typeof cause === 'object' && depth < 4; depth += 1) {
    if ('code' in cause && typeof cause.code === 'string' && cause.code.startsWith('SSO_')) return cause.code;
    cause = 'cause' in cause ? cause.cause : undefined;
  }
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.name : 'unknown';
}
