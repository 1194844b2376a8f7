import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import type { ChargeDestination } from '../payments/payment-gateway';
import { platformFee } from '../payments/platform-fee';
import { ClinicPaymentAccounts } from './clinic-payment-accounts.repository';
import { StripeConnect } from './stripe-connect';

/**
 * Whether a clinic can take card payments, and where its bookings' money goes: with Stripe, to
 * the clinic's connected account once Stripe enabled charges on it, less the platform's fee; in
 * the local test payment mode every clinic takes (test) charges and no money goes anywhere.
 */
@Injectable()
export class ClinicChargeReadiness {
  constructor(
    private readonly accounts: ClinicPaymentAccounts,
    private readonly connect: StripeConnect,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** Refuses (CLINIC_PAYMENTS_NOT_READY) while the clinic cannot take charges. */
  async requireReady(manager: EntityManager, clinicId: string): Promise<void> {
    if (!this.connect.enabled) return;
    if (!(await this.accounts.chargeDestination(manager, clinicId)))
      throw new AppError(ErrorCode.ClinicPaymentsNotReady);
  }

  /** Where a charge of `amount` for the clinic goes; null in the local test mode. Refuses like requireReady. */
  async destination(manager: EntityManager, clinicId: string, amount: number): Promise<ChargeDestination | null> {
    if (!this.connect.enabled) return null;
    const account = await this.accounts.chargeDestination(manager, clinicId);
    if (!account) throw new AppError(ErrorCode.ClinicPaymentsNotReady);
    return { account, applicationFeeAmount: platformFee(amount, this.config.PLATFORM_FEE_PERCENT) };
  }

  /** Which of the clinics take paid bookings now (all of them in the local test mode). */
  async takingCharges(manager: EntityManager, clinicIds: string[]): Promise<Set<string>> {
    if (!this.connect.enabled) return new Set(clinicIds);
    return this.accounts.takingCharges(manager, clinicIds);
  }
}
