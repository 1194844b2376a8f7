import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, type ClinicPaymentAccountView, type PaymentAccountOnboardingLink } from '@vetmeet/contracts';
import { AccessPolicy } from '../access/access-policy';
import { Permission } from '../access/permission';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { DatabaseContext, NOBODY } from '../database/database-context';
import { MailSettings } from '../mail/mail-settings';
import { ClinicPaymentAccounts, type ClinicPaymentAccountRow } from './clinic-payment-accounts.repository';
import { StripeConnect, type ConnectedAccountStatus } from './stripe-connect';

/**
 * A clinic's own Stripe account, through which its bookings pay out (Stripe Connect): its admins
 * create it and go through Stripe's hosted onboarding; its status is what Stripe last answered,
 * taken in from `account.updated` webhooks and when an admin comes back from onboarding.
 */
@Injectable()
export class ClinicPayoutsService {
  constructor(
    private readonly db: DatabaseContext,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly accounts: ClinicPaymentAccounts,
    private readonly connect: StripeConnect,
    private readonly mail: MailSettings,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async view(actor: Actor, clinicId: string): Promise<ClinicPaymentAccountView> {
    await this.access.require(actor, Permission.PaymentAccountManage, clinicId);
    const row = this.connect.enabled
      ? await this.db.runAs(actor, (manager) => this.accounts.find(manager, clinicId))
      : null;
    return this.toView(row);
  }

  /**
   * Creates the clinic's connected account the first time (the idempotency key makes a second
   * click, or a second admin, get the same one), then a fresh onboarding link for it.
   */
  async startOnboarding(actor: Actor, clinicId: string): Promise<PaymentAccountOnboardingLink> {
    await this.access.require(actor, Permission.PaymentAccountManage, clinicId);
    let row = await this.db.runAs(actor, (manager) => this.accounts.find(manager, clinicId));
    if (!row) {
      const observedAt = new Date();
      const created = await this.connect.createAccount(clinicId, `connect-account:${clinicId}`);
      row = await this.db.runAs(actor, async (manager) => {
        if (await this.accounts.insert(manager, clinicId, created.id, actor.userId)) {
          // What is due comes with the new account: the admin sees it before any webhook.
          await this.accounts.apply(manager, created, observedAt);
          await this.audit.record({
            action: 'payment_account.create',
            entityType: 'clinic',
            entityId: clinicId,
            outcome: 'success',
          });
        }
        return this.accounts.find(manager, clinicId);
      });
      if (!row) throw new AppError(ErrorCode.Internal);
    }
    const page = `${this.mail.publicUrl}/clinics/${encodeURIComponent(clinicId)}/payouts`;
    const link = await this.connect.createOnboardingLink(
      row.stripe_account_id,
      `${page}?onboarding=refresh`,
      `${page}?onboarding=return`,
    );
    await this.audit.record({
      action: 'payment_account.onboarding_link',
      entityType: 'clinic',
      entityId: clinicId,
      outcome: 'success',
    });
    return { url: link.url, expiresAt: link.expiresAt.toISOString() };
  }

  /** Reads the account's status from Stripe now (an admin back from onboarding), not from the browser's word. */
  async refresh(actor: Actor, clinicId: string): Promise<ClinicPaymentAccountView> {
    await this.access.require(actor, Permission.PaymentAccountManage, clinicId);
    if (!this.connect.enabled) return this.toView(null);
    const row = await this.db.runAs(actor, (manager) => this.accounts.find(manager, clinicId));
    if (!row) return this.toView(null);
    const observedAt = new Date();
    const status = await this.connect.retrieveAccount(row.stripe_account_id);
    await this.keep(status, observedAt);
    return this.toView(await this.db.runAs(actor, (manager) => this.accounts.find(manager, clinicId)));
  }

  /** An `account.updated` for `accountId`: takes in its current status from Stripe. */
  async accountUpdated(accountId: string): Promise<'account_updated' | 'unknown_account'> {
    // Stripe refuses to tell about another platform's account: ask it only about our clinics' ones.
    const clinicId = await this.db.run(NOBODY, (manager) => this.accounts.clinicOf(manager, accountId));
    if (!clinicId) return 'unknown_account';
    const observedAt = new Date();
    const status = await this.connect.retrieveAccount(accountId);
    return (await this.keep(status, observedAt)) ? 'account_updated' : 'unknown_account';
  }

  private async keep(status: ConnectedAccountStatus, observedAt: Date): Promise<string | null> {
    const clinicId = await this.db.run(NOBODY, (manager) => this.accounts.apply(manager, status, observedAt));
    if (clinicId) {
      await this.audit.recordIndependently({
        action: 'payment_account.status',
        entityType: 'clinic',
        entityId: clinicId,
        outcome: 'success',
        clinicId,
      });
    }
    return clinicId;
  }

  private toView(row: ClinicPaymentAccountRow | null): ClinicPaymentAccountView {
    const local = !this.connect.enabled;
    return {
      mode: local ? 'local_test' : 'stripe',
      connected: row !== null,
      chargesEnabled: row?.charges_enabled ?? false,
      payoutsEnabled: row?.payouts_enabled ?? false,
      detailsSubmitted: row?.details_submitted ?? false,
      requirementsDue: row?.requirements_due ?? [],
      disabledReason: row?.disabled_reason ?? null,
      takesPaidBookings: local || row?.charges_enabled === true,
      platformFeePercent: this.config.PLATFORM_FEE_PERCENT,
      statusUpdatedAt: row?.status_observed_at?.toISOString() ?? null,
    };
  }
}
