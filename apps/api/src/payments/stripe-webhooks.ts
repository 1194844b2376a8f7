import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { loggableError } from '../common/errors/loggable-error';
import { PaymentEventProcessor } from './payment-event-processor';
import { PaymentGateway } from './payment-gateway';
import { readStripeEvent, type ReadStripeEvent } from './stripe-event-shape';
import { StripeGateway } from './stripe-gateway';

type Received = { received: true; outcome: string };
type Malformed = Extract<ReadStripeEvent, { malformed: string }>;

/**
 * A Stripe webhook delivery: verified (Stripe-Signature, HMAC over the exact bytes received,
 * signed within five minutes either side of now), then processed once per event id. Whatever is
 * not a 2xx makes Stripe deliver again later: a bad signature answers 400 and changes nothing; a
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

  async receive(rawBody: Buffer | undefined, signature: string | undefined): Promise<Received> {
    if (!(this.gateway instanceof StripeGateway)) {
      throw new AppError(ErrorCode.PaymentMode, 'This server runs the local test payment mode: no Stripe webhooks.');
    }
    let payload: unknown;
    try {
      if (!rawBody || !signature) throw new Error('no body or no signature');
      payload = this.gateway.verifyEvent(rawBody, signature);
    } catch {
      // The payload is not evidence of anything: neither logged nor audited.
      await this.audit.recordIndependently({ action: 'payment.webhook', entityType: 'stripe_event', outcome: 'denied' });
      throw new AppError(ErrorCode.WebhookSignatureInvalid);
    }
    const read = readStripeEvent(payload);
    if ('malformed' in read) return this.rejectMalformed(read);
    const { event } = read;
    try {
      const outcome = await this.processor.process(event);
      return { received: true, outcome };
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.PaymentProviderUnavailable) throw error;
      this.logger.error({ err: loggableError(error), eventId: event.id, type: event.type }, 'could not process a Stripe event: Stripe will deliver it again');
      throw new AppError(ErrorCode.Internal, 'The event could not be processed; deliver it again later.');
    }
  }

  /**
   * A signed event we can never process (no data, no object, the wrong kind of object) is
   * answered 200, not 400: Stripe retries anything but a 2xx for three days and then disables
   * the endpoint, yet a signed payload cannot change between attempts, so a retry would only
   * fail again and pile up. It is recorded as rejected (a repeat is a duplicate), audited,
   * counted and logged as a warning with ids only, for someone to look into.
   */
  private async rejectMalformed(read: Malformed): Promise<Received> {
    const facts = { eventId: read.id, type: read.type, problem: read.malformed };
    this.logger.warn(facts, 'a signed Stripe event is malformed: acknowledged, not processed');
    await this.audit.recordIndependently({
      action: 'payment.webhook',
      entityType: 'stripe_event',
      entityId: read.id,
      outcome: 'denied',
    });
    const outcome = await this.processor.reject(read.id, read.type, 'rejected_malformed');
    return { received: true, outcome };
  }
}
