import { Logger } from '@nestjs/common';
import Stripe from 'stripe';
import { ErrorCode } from '@vetmeet/contracts';
import { AppError } from '../common/errors/app-error';
import type { AppConfig } from '../config/app-config';
import { createStripeClient, verifySignedEvent } from '../payments/stripe-client';
import { providerErrorToAppError } from '../payments/stripe-errors';

/** A connected account's status as Stripe answers it. */
export interface ConnectedAccountStatus {
  id: string;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  requirementsDue: string[];
  disabledReason: string | null;
}

/**
 * Stripe Connect through the SDK: clinics' connected accounts, their onboarding links, and the
 * Connect webhook endpoint's signatures. Absent (`enabled` false) in the local test payment mode,
 * where there is no Stripe at all.
 */
export class StripeConnect {
  private readonly logger = new Logger(StripeConnect.name);
  private readonly stripe: Stripe | null;
  private readonly webhookSecret: string | null;

  constructor(config: Pick<AppConfig, 'STRIPE_SECRET_KEY' | 'STRIPE_API_URL' | 'STRIPE_CONNECT_WEBHOOK_SECRET'>) {
    this.stripe = config.STRIPE_SECRET_KEY ? createStripeClient(config.STRIPE_SECRET_KEY, config.STRIPE_API_URL) : null;
    this.webhookSecret = config.STRIPE_CONNECT_WEBHOOK_SECRET ?? null;
    if (this.stripe && !this.webhookSecret) {
      this.logger.warn(
        "STRIPE_CONNECT_WEBHOOK_SECRET is not set: clinics' account status is only read when an admin returns " +
          'from Stripe',
      );
    }
  }

  get enabled(): boolean {
    return this.stripe !== null;
  }

  /** An Express account for the clinic, able to take card payments and receive transfers. */
  createAccount(clinicId: string, idempotencyKey: string): Promise<ConnectedAccountStatus> {
    return this.call('create_account', async (stripe) =>
      toStatus(
        await stripe.accounts.create(
          {
            type: 'express',
            capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
            metadata: { clinic_id: clinicId },
          },
          { idempotencyKey },
        ),
      ),
    );
  }

  /** A single-use onboarding link: Stripe sends the admin to returnUrl when done, to refreshUrl when it is stale. */
  createOnboardingLink(
    account: string,
    refreshUrl: string,
    returnUrl: string,
  ): Promise<{ url: string; expiresAt: Date }> {
    return this.call('create_account_link', async (stripe) => {
      const link = await stripe.accountLinks.create({
        account,
        refresh_url: refreshUrl,
        return_url: returnUrl,
        type: 'account_onboarding',
      });
      return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
    });
  }

  retrieveAccount(account: string): Promise<ConnectedAccountStatus> {
    return this.call('retrieve_account', async (stripe) => toStatus(await stripe.accounts.retrieve(account)));
  }

  /** Checks a delivery to the Connect webhook endpoint with its own signing secret; throws when it is not right. */
  verifyEvent(rawBody: Buffer, signature: string): unknown {
    if (!this.stripe || !this.webhookSecret) throw new Error('no Connect webhook secret');
    return verifySignedEvent(this.stripe, rawBody, signature, this.webhookSecret);
  }

  private async call<T>(operation: string, work: (stripe: Stripe) => Promise<T>): Promise<T> {
    if (!this.stripe)
      throw new AppError(
        ErrorCode.PaymentMode,
        'This server runs the local test payment mode: there is no Stripe account to connect.',
      );
    try {
      return await work(this.stripe);
    } catch (error) {
      if (!(error instanceof Stripe.errors.StripeError)) throw error;
      const { appError, ourFault } = providerErrorToAppError(error);
      const facts = {
        operation,
        type: error.type,
        code: error.code,
        statusCode: error.statusCode,
        stripeRequestId: error.requestId,
      };
      if (ourFault) this.logger.error(facts, 'Stripe refused a Connect request');
      else this.logger.warn(facts, 'Stripe Connect request failed');
      throw appError;
    }
  }
}

function toStatus(account: Stripe.Account): ConnectedAccountStatus {
  return {
    id: account.id,
    chargesEnabled: account.charges_enabled === true,
    payoutsEnabled: account.payouts_enabled === true,
    detailsSubmitted: account.details_submitted === true,
    requirementsDue: account.requirements?.currently_due ?? [],
    disabledReason: account.requirements?.disabled_reason ?? null,
  };
}
