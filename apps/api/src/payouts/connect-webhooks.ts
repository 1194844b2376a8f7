import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import { Counter } from 'prom-client';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { loggableError } from '../common/errors/loggable-error';
import { MetricsService } from '../metrics/metrics.service';
import { ClinicPayoutsService } from './clinic-payouts.service';
import { readConnectEvent } from './connect-event-shape';
import { StripeConnect } from './stripe-connect';

type Received = { received: true; outcome: string };

/**
 * Deliveries to the Connect webhook endpoint (events on clinics' connected accounts), verified
 * with that endpoint's own signing secret. A bad signature answers 400 and changes nothing; an
 * event we cannot use, or about an account that is not a clinic's, is answered 200 (a signed
 * payload never changes, so Stripe's retries would only fail again) and audited; a failure while
 * taking the status in answers 5xx, so Stripe delivers again. Every outcome is counted.
 */
@Injectable()
export class ConnectWebhooks {
  private readonly logger = new Logger(ConnectWebhooks.name);
  private readonly counter: Counter<'outcome'>;

  constructor(
    private readonly connect: StripeConnect,
    private readonly payouts: ClinicPayoutsService,
    private readonly audit: AuditService,
    metrics: MetricsService,
  ) {
    this.counter = new Counter({
      name: 'vetmeet_connect_webhook_events_total',
      help:
        'Stripe Connect webhook deliveries by outcome ' +
        '(account_updated, unknown_account, ignored, rejected_malformed, refused, failed).',
      labelNames: ['outcome'] as const,
      registers: [metrics.registry],
    });
  }

  async receive(rawBody: Buffer | undefined, signature: string | undefined): Promise<Received> {
    if (!this.connect.enabled) {
      throw new AppError(ErrorCode.PaymentMode, 'This server runs the local test payment mode: no Stripe webhooks.');
    }
    try {
      const received = await this.handle(rawBody, signature);
      this.counter.inc({ outcome: received.outcome });
      return received;
    } catch (error) {
      const refused = error instanceof AppError && error.code === ErrorCode.WebhookSignatureInvalid;
      this.counter.inc({ outcome: refused ? 'refused' : 'failed' });
      throw error;
    }
  }

  private async handle(rawBody: Buffer | undefined, signature: string | undefined): Promise<Received> {
    let payload: unknown;
    try {
      if (!rawBody || !signature) throw new Error('no body or no signature');
      payload = this.connect.verifyEvent(rawBody, signature);
    } catch {
      // The payload is not evidence of anything: neither logged nor audited.
      const denied = { action: 'payment_account.webhook', entityType: 'stripe_event', outcome: 'denied' } as const;
      await this.audit.recordIndependently(denied);
      throw new AppError(ErrorCode.WebhookSignatureInvalid);
    }
    const read = readConnectEvent(payload);
    if ('ignored' in read) return { received: true, outcome: 'ignored' };
    if ('malformed' in read) {
      const facts = { eventId: read.id, type: read.type, problem: read.malformed };
      this.logger.warn(facts, 'a signed Stripe Connect event is malformed: acknowledged, not processed');
      await this.audit.recordIndependently({
        action: 'payment_account.webhook',
        entityType: 'stripe_event',
        entityId: read.id,
        outcome: 'denied',
      });
      return { received: true, outcome: 'rejected_malformed' };
    }
    try {
      const outcome = await this.payouts.accountUpdated(read.accountUpdated);
      if (outcome === 'unknown_account') {
        const what = "account.updated for an account that is no clinic's: acknowledged, not processed";
        this.logger.warn({ eventId: read.id }, what);
        await this.audit.recordIndependently({
          action: 'payment_account.webhook',
          entityType: 'stripe_event',
          entityId: read.id,
          outcome: 'failure',
        });
      }
      this.logger.log({ eventId: read.id, outcome }, 'Stripe Connect event processed');
      return { received: true, outcome };
    } catch (error) {
      if (error instanceof AppError && error.code === ErrorCode.PaymentProviderUnavailable) throw error;
      const facts = { err: loggableError(error), eventId: read.id };
      this.logger.error(facts, 'could not process a Stripe Connect event: Stripe will deliver it again');
      throw new AppError(ErrorCode.Internal, 'The event could not be processed; deliver it again later.');
    }
  }
}
