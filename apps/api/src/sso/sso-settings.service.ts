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
import { MailSettings } from '../mail/mail-settings';
import { openClientSecret, sealClientSecret } from './client-secret-box';
import { isPublicMailDomain, normalizeDomains } from './email-domains';
import { OidcConfigurations } from './oidc-configurations';
import { SsoRepository, type StoredProvider } from './sso.repository';

export const SSO_CALLBACK_PATH = '/api/auth/sso/callback';

const isUniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';

/**
 * A clinic admin's single sign-on settings: the clinic's OpenID Connect provider, checked by
 * discovery before it is kept, its client secret sealed (never shown again), the e-mail domains it
 * speaks for (one clinic each) and whether it may add members just in time.
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
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.callbackUrl = `${MailSettings.of(config).publicUrl}${SSO_CALLBACK_PATH}`;
  }

  async read(actor: Actor, clinicId: string): Promise<SsoSettingsView> {
    await this.access.require(actor, Permission.SsoManage, clinicId);
    return this.db.runAs(actor, async (manager) => {
      const provider = await new SsoRepository(manager).providerOf(clinicId);
      await this.audit.record({
        action: 'sso.settings.read',
        entityType: 'clinic',
        entityId: clinicId,
        outcome: 'success',
      });
      return this.toView(provider);
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
    try {
      return await this.db.runAs(actor, async (manager) => {
        const repository = new SsoRepository(manager);
        await repository.save(
          clinicId,
          {
            issuer: request.issuer,
            clientId: request.clientId,
            clientSecret: sealClientSecret(this.ring, clinicId, secret),
            justInTimeRole: request.justInTimeMembership ? request.justInTimeRole : null,
            domains,
          },
          actor.userId,
        );
        await this.audit.record({
          action: 'sso.settings.save',
          entityType: 'clinic',
          entityId: clinicId,
          outcome: 'success',
        });
        return this.toView(await repository.providerOf(clinicId));
      });
    } catch (error) {
      // The domain's primary key: another clinic holds it (row-level security hides which).
      if (isUniqueViolation(error)) throw await failed(new AppError(ErrorCode.SsoDomainTaken));
      throw error;
    }
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

  private toView(provider: StoredProvider | undefined): SsoSettingsView {
    return {
      configured: provider !== undefined,
      issuer: provider?.issuer ?? null,
      clientId: provider?.clientId ?? null,
      clientSecretSet: provider !== undefined,
      domains: provider?.domains ?? [],
      justInTimeMembership: provider?.justInTimeRole != null,
      justInTimeRole: provider?.justInTimeRole ?? 'consultant',
      callbackUrl: this.callbackUrl,
      updatedAt: provider?.updatedAt.toISOString() ?? null,
    };
  }
}
