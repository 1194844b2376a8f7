import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ClinicPaymentAccountView, PaymentAccountOnboardingLink } from '@vetmeet/contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { ClinicPayoutsService } from './clinic-payouts.service';

/** A clinic's Stripe account for payouts; clinic admins acting in the clinic (X-Clinic-Id) only. */
@ApiTags('payouts')
@Controller('clinics/:clinicId/payment-account')
export class ClinicPayoutsController {
  constructor(private readonly payouts: ClinicPayoutsService) {}

  @Get()
  view(
    @CurrentActor() actor: Actor,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
  ): Promise<ClinicPaymentAccountView> {
    return this.payouts.view(actor, clinicId);
  }

  /** Creates the clinic's Stripe account on first use; answers a fresh single-use link to Stripe's onboarding. */
  @Post('onboarding-link')
  @HttpCode(201)
  onboardingLink(
    @CurrentActor() actor: Actor,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
  ): Promise<PaymentAccountOnboardingLink> {
    return this.payouts.startOnboarding(actor, clinicId);
  }

  /** Reads the account's status from Stripe now (back from onboarding). */
  @Post('refresh')
  @HttpCode(200)
  refresh(
    @CurrentActor() actor: Actor,
    @Param('clinicId', ParseUUIDPipe) clinicId: string,
  ): Promise<ClinicPaymentAccountView> {
    return this.payouts.refresh(actor, clinicId);
  }
}
