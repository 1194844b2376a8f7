import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { MailModule } from '../mail/mail.module';
import { ClinicChargeReadiness } from './clinic-charge-readiness';
import { ClinicPaymentAccounts } from './clinic-payment-accounts.repository';
import { ClinicPayoutsController } from './clinic-payouts.controller';
import { ClinicPayoutsService } from './clinic-payouts.service';
import { ConnectWebhookController } from './connect-webhook.controller';
import { ConnectWebhooks } from './connect-webhooks';
import { StripeConnect } from './stripe-connect';

/** Payouts to clinics through Stripe Connect: their accounts, onboarding, status, and where a booking's money goes. */
@Module({
  imports: [MailModule],
  controllers: [ClinicPayoutsController, ConnectWebhookController],
  providers: [
    { provide: StripeConnect, inject: [AppConfig], useFactory: (config: AppConfig) => new StripeConnect(config) },
    ClinicPaymentAccounts,
    ClinicChargeReadiness,
    ClinicPayoutsService,
    ConnectWebhooks,
  ],
  exports: [ClinicChargeReadiness],
})
export class PayoutsModule {}
