import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, type SaveSsoSettingsPayload, type SsoSettingsView } from '@vetmeet/contracts';
import { MasterKeyRing } from '@vetmeet/crypto';
import { AccessPolicy } from '../access/access-policy';
import { Permission } from '../access/permission';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { DatabaseContext } from '../database/database-context';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { ssoCallbackUrl } from './sso-callback-url';
import { openClientSecret, sealClientSecret } from './client-secret-box';
import {
  DomainOwnership,
  newVerificationToken,
  verificationRecordName,
  verificationRecordValue,
} from './domain-ownership';
import { isPublicMailDomain, normalizeDomains } from './email-domains';
import { OidcConfigurations } from './oidc-configurations';
import { SsoRepository, type ClaimedDomain, type StoredProvider } from './sso.repository';


/**
 * A clinic admin's single sign-on settings: the clinic's OpenID Connect provider, checked by
 * discovery before it is kept, its client secret sealed (never shown again), the e-mail domains it
 * speaks for (each routing sign-ins only once the clinic proved it holds it in DNS, and for one
 * clinic only) and whether it may add members just in time.
 */
@Injectable()
export class SsoSettingsService {
  private readonly callbackUrl: string;

  constructor(
    private readonly db: DatabaseContext,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly ring: MasterKeyRing,
    private readonly configurations: OidcConfigurations,
    private readonly ownership: DomainOwnership,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.callbackUrl = ssoCallbackUrl(config);
  }

  async read(actor: Actor, clinicId: string): Promise<SsoSettingsView> {
    await this.access.require(actor, Permission.SsoManage, clinicId);
    return this.db.runAs(actor, async (manager) => {
      const repository = new SsoRepository(manager);
      const provider = await repository.providerOf(clinicId);
      await this.audit.record({
        action: 'sso.settings.read',
        entityType: 'clinic',
        entityId: clinicId,
        outcome: 'success',
      });
      return this.toView(provider, await repository.domainsOf(clinicId));
    });
  }

  async save(actor: Actor, clinicId: string, request: SaveSsoSettingsPayload): Promise<SsoSettingsView> {
    await this.access.require(actor, Permission.SsoManage, clinicId);
    const failed = (error: AppError) =>
      this.audit
        .recordIndependently({
          action: 'sso.settings.save',
          entityType: 'clinic',
          entityId: clinicId,
          outcome: 'failure',
        })
        .then(() => error);
    const domains = normalizeDomains(request.domains);
    if (domains.some(isPublicMailDomain)) throw await failed(new AppError(ErrorCode.SsoDomainNotAllowed));
    if (await this.verifiedElsewhere(clinicId, domains)) throw await failed(new AppError(ErrorCode.SsoDomainTaken));
    const stored = await this.db.runAs(actor, (manager) => new SsoRepository(manager).providerOf(clinicId));
    // The stored secret stays only with the issuer and client it was given for: else an admin could have it
    // sent to a provider of their choosing, though the API never shows it.
    const sameClient = stored?.issuer === request.issuer && stored.clientId === request.clientId;
    const secret =
      request.clientSecret ??
      (stored && sameClient ? openClientSecret(this.ring, clinicId, stored.clientSecret) : undefined);
    if (!secret) {
      const problem = 'clientSecret is needed for a new issuer or client id.';
      throw await failed(new AppError(ErrorCode.ValidationFailed, problem, [`clientSecret: ${problem}`]));
    }
    try {
      this.configurations.issuerUrl(request.issuer);
      await this.configurations.discover(request.issuer, request.clientId, secret);
    } catch (error) {
      throw error instanceof AppError ? await failed(error) : error;
    }
    return await this.db.runAs(actor, async (manager) => {
      const repository = new SsoRepository(manager);
      await repository.save(
        clinicId,
        {
          issuer: request.issuer,
          clientId: request.clientId,
          clientSecret: sealClientSecret(this.ring, clinicId, secret),
          justInTimeRole: request.justInTimeMembership ? request.justInTimeRole : null,
          domains: domains.map((domain) => ({ domain, verificationToken: newVerificationToken() })),
        },
        actor.userId,
      );
      await this.audit.record({
        action: 'sso.settings.save',
        entityType: 'clinic',
        entityId: clinicId,
        outcome: 'success',
      });
      return this.toView(await repository.providerOf(clinicId), await repository.domainsOf(clinicId));
    });
  }

  /**
   * The admin asks us to look for the domain's TXT record: found with the claim's token, the domain
   * routes its addresses to this clinic's provider from now on. Not found, or verified by another
   * clinic first, it stays unverified; both audited.
   */
  async verifyDomain(actor: Actor, clinicId: string, domain: string): Promise<SsoSettingsView> {
    await this.access.require(actor, Permission.SsoManage, clinicId);
    const audited = (outcome: 'success' | 'failure') =>
      this.audit.recordIndependently({
        action: 'sso.domain.verify',
        entityType: 'clinic',
        entityId: clinicId,
        outcome,
      });
    const claimed = await this.db.runAs(actor, async (manager) =>
      (await new SsoRepository(manager).domainsOf(clinicId)).find((item) => item.domain === domain.toLowerCase()),
    );
    if (!claimed) throw new AppError(ErrorCode.NotFound, 'This clinic does not claim that domain.');
    if (!claimed.verifiedAt) {
      if (await this.verifiedElsewhere(clinicId, [claimed.domain])) {
        await audited('failure');
        throw new AppError(ErrorCode.SsoDomainTaken);
      }
      if (!(await this.ownership.proves(claimed.domain, claimed.verificationToken))) {
        await audited('failure');
        throw new AppError(ErrorCode.SsoDomainNotVerified);
      }
      try {
        await this.db.runAs(actor, (manager) => new SsoRepository(manager).markVerified(clinicId, claimed.domain));
      } catch (error) {
        // The unique index over verified domains: another clinic proved it at the same moment.
        if (!isUniqueViolation(error)) throw error;
        await audited('failure');
        throw new AppError(ErrorCode.SsoDomainTaken);
      }
      await audited('success');
    }
    return this.read(actor, clinicId);
  }

  /** Whether another clinic verified one of these domains already (row-level security hides which). */
  private async verifiedElsewhere(clinicId: string, domains: string[]): Promise<boolean> {
    for (const domain of domains) {
      const holder = await this.db.runAs(null, (manager) => new SsoRepository(manager).providerForDomain(domain));
      if (holder && holder.clinicId !== clinicId) return true;
    }
    return false;
  }

  /** Switches single sign-on off: staff sign in with their e-mail address and password again. */
  async remove(actor: Actor, clinicId: string): Promise<void> {
    await this.access.require(actor, Permission.SsoManage, clinicId);
    await this.db.runAs(actor, async (manager) => {
      await new SsoRepository(manager).remove(clinicId);
      await this.audit.record({
        action: 'sso.settings.remove',
        entityType: 'clinic',
        entityId: clinicId,
        outcome: 'success',
      });
    });
  }

  private toView(provider: StoredProvider | undefined, claimed: ClaimedDomain[]): SsoSettingsView {
    return {
      configured: provider !== undefined,
      issuer: provider?.issuer ?? null,
      clientId: provider?.clientId ?? null,
      clientSecretSet: provider !== undefined,
      domains: claimed.map((item) => item.domain),
      domainVerifications: claimed.map((item) => ({
        domain: item.domain,
        verified: item.verifiedAt !== null,
        verifiedAt: item.verifiedAt?.toISOString() ?? null,
        recordName: verificationRecordName(item.domain),
        recordValue: verificationRecordValue(item.verificationToken),
      })),
      justInTimeMembership: provider?.justInTimeRole != null,
      justInTimeRole: provider?.justInTimeRole ?? 'consultant',
      callbackUrl: this.callbackUrl,
      updatedAt: provider?.updatedAt.toISOString() ?? null,
    };
  }
}
