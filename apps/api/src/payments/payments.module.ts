import { Logger, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DatabaseContext } from '../database/database-context';
import { LocalTestPaymentGateway } from './local-test-payment-gateway';
import { PaymentEventProcessor } from './payment-event-processor';
import { PaymentEvents } from './payment-events';
import { PaymentGateway } from './payment-gateway';
import { PaymentsService } from './payments.service';
import { StripeGateway } from './stripe-gateway';
import { StripeWebhookController } from './stripe-webhook.controller';
import { StripeWebhooks } from './stripe-webhooks';
import { PayoutsModule } from '../payouts/payouts.module';

/** Stripe when STRIPE_SECRET_KEY is set, else the local test mode (which configuration refuses in production); said once, loudly, at start. */
export function paymentGatewayFor(config: AppConfig, db: DatabaseContext, logger = new Logger('Payments')): PaymentGateway {
  if (!config.STRIPE_SECRET_KEY) {
    if (config.NODE_ENV === 'production') throw new Error('STRIPE_SECRET_KEY is required in production');
    logger.warn('LOCAL TEST PAYMENTS: no money moves. STRIPE_SECRET_KEY is not set, so bookings are paid with a test confirmation instead of a card.');
    return new LocalTestPaymentGateway(db);
  }
  if (!config.STRIPE_WEBHOOK_SECRET) throw new Error('STRIPE_WEBHOOK_SECRET is required with STRIPE_SECRET_KEY');
  const live = config.STRIPE_SECRET_KEY.includes('_live_');
  logger.log(`Stripe payments with a ${live ? 'LIVE' : 'test'} key${config.STRIPE_API_URL ? ` against ${config.STRIPE_API_URL}` : ''}`);
  if (!config.STRIPE_PUBLISHABLE_KEY) logger.warn('STRIPE_PUBLISHABLE_KEY is not set: browsers cannot confirm card payments');
  return new StripeGateway({ secretKey: config.STRIPE_SECRET_KEY, webhookSecret: config.STRIPE_WEBHOOK_SECRET, apiUrl: config.STRIPE_API_URL });
}

/** Payments of bookings (PaymentsService), what became of them (PaymentEvents) and Stripe's webhook. */
@Module({
  imports: [PayoutsModule],
  controllers: [StripeWebhookController],
  providers: [
    {
      provide: PaymentGateway,
      inject: [AppConfig, DatabaseContext],
      useFactory: (config: AppConfig, db: DatabaseContext) => paymentGatewayFor(config, db),
    },
    PaymentEvents,
    PaymentEventProcessor,
    PaymentsService,
    StripeWebhooks,
  ],
  exports: [PaymentsService, PaymentEvents],
})
export class PaymentsModule {}
