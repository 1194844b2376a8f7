import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { promises as dns } from 'node:dns';
import { AppConfig } from '../config/app-config';
import { errorCodeOf } from './oidc-configurations';
import { parseDnsServers } from './sso-network-settings';

/** Where and what the DNS record proving a clinic holds a domain is, as its admin is shown it. */
export const verificationRecordName = (domain: string) => `_vetmeet-verification.${domain}`;
export const verificationRecordValue = (token: string) => `vetmeet-verification=${token}`;

/** A fresh token for a claimed domain: random, so no clinic's record proves another's claim. */
export const newVerificationToken = () => randomBytes(18).toString('base64url');

/**
 * Proof that whoever claims a domain holds its DNS, as Slack, Zoom and Atlassian ask before a
 * domain may route sign-ins: the TXT record named by verificationRecordName must carry the claim's
 * token. Asked through node's Resolver, of SSO_DNS_SERVERS when set (the tests' loopback server).
 */
@Injectable()
export class DomainOwnership {
  private readonly logger = new Logger(DomainOwnership.name);
  private readonly servers: string[] | undefined;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.servers = config.SSO_DNS_SERVERS ? parseDnsServers(config.SSO_DNS_SERVERS) : undefined;
  }

  /** Whether the domain's verification record carries this token; false when it is absent or unreachable. */
  async proves(domain: string, token: string): Promise<boolean> {
    const resolver = new dns.Resolver({ timeout: 3000, tries: 2 });
    if (this.servers) resolver.setServers(this.servers);
    try {
      const records = await resolver.resolveTxt(verificationRecordName(domain));
      // A TXT record may come in chunks of up to 255 characters; together they are its value.
      return records.some((chunks) => chunks.join('') === verificationRecordValue(token));
    } catch (error) {
      this.logger.log({ code: errorCodeOf(error) }, 'SSO domain verification record not found');
      return false;
    }
  }
}
