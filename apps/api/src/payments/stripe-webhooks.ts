import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { loggableError } from '../common/errors/loggable-error';
import { PaymentEventProcessor } from './payment-event-processor';
import { PaymentGateway } from './payment-gateway';
import { StripeGateway } from './stripe-gateway';

/**
 * A Stripe webhook delivery: verified (Stripe-Signature, HMAC over the exact bytes received,
 * five minutes' tolerance against replays), then processed once per event id. Whatever is not
 * a 2xx makes Stripe deliver again later: a bad signature answers 400 and changes nothing; a
 * failure while processing answers 500 (or 503) and leaves the event to be delivered again.
 */
@Injectable()
export class StripeWebhooks {
  private readonly logger = new Logger(StripeWebhooks.name);

  constructor(
    private readonly gateway: PaymentGateway,
    private readonly processor: PaymentEventProcessor,
    private readonly audit: AuditService,
  ) {}

  async receive(rawBody: Buffer | undefined, signature: string | undefined): Promise<{ received: true; outcome: string }> {
    if (!(this.gateway instanceof StripeGateway)) throw new AppError(ErrorCode.PaymentMode, 'This server runs the local test payment mode: it takes no Stripe webhooks.');
    let event;
    try {
      if (!rawBody || !signature) throw new Error('no body or no signature');
      event = this.gateway.verifyEvent(rawBody, signature);
    } catch {
      // The payload is not evidence of anything: neither logged nor audited.
      await this.audit.recordIndependently({ action: 'payment.webhook', entityType: 'stripe_event', outcome: 'denied' });
      throw new AppError(ErrorCode.WebhookSignatureInvalid);
    }
    try {
      const outcome = await this.processor.process({ id: event.id, type: event.type, object: event.data.object as unknown as Record<string, unknown> });
      return { received: true, outcome };
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.PaymentProviderUnavailable) throw error;
      this.logger.error({ err: loggableError(error), eventId: event.id, type: event.type }, 'could not process a Stripe event: Stripe will deliver it again');
      throw new AppError(ErrorCode.Internal, 'The event could not be processed; deliver it again later.');
    }
  }
}
