import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { RefundReasonValue } from '@vetmeet/contracts';
import { AuditService } from '../audit/audit.service';
import { loggableError } from '../common/errors/loggable-error';
import { AppConfig } from '../config/app-config';
import { DatabaseContext, NOBODY } from '../database/database-context';
import { PaymentsService } from '../payments/payments.service';
import { BookingConfirmation } from './booking-confirmation';
import { findBookingRecord } from './booking-record';
import { BookingStatus } from './booking.entity';

export interface BookingSweepResult {
  expiredHolds: string[];
  declinedUnanswered: string[];
  /** Refunds a decline or cancellation decided but that never reached the provider, asked again. */
  refundsRetried: string[];
}

/**
 * Keeps bookings moving when nobody acts, every BOOKING_SWEEP_SECONDS:
 * - holds whose time ran out are marked expired (the slot is free again; a new hold on the
 *   same consultant does this too, so the sweep is not what frees the slot) and their unpaid
 *   PaymentIntents are cancelled, so a late card confirmation cannot charge for nothing;
 * - requests the consultant never answered are declined at their start and refunded in full;
 * - a refund a decline or cancellation decided but that never reached the provider (it was
 *   down when asked) is asked again, under the same reason, so at most once.
 * Each step is conditional on the booking's status, so an overlapping or repeated pass does nothing twice.
 */
@Injectable()
export class BookingSweep implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(BookingSweep.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly payments: PaymentsService,
    private readonly confirmation: BookingConfirmation,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.BOOKING_SWEEP_SECONDS === 0) return;
    this.timer = setInterval(() => void this.sweepQuietly(), this.config.BOOKING_SWEEP_SECONDS * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass; callable directly (tests, an operator command). */
  async sweep(): Promise<BookingSweepResult> {
    const expired = await this.db.run(NOBODY, (manager) => manager.query<{ booking_id: string; clinic_id: string }[]>('SELECT * FROM bookings_expire_lapsed_holds(NULL)'));
    for (const hold of expired) {
      await this.db.run({ userId: null, clinicId: hold.clinic_id }, () =>
        this.audit.record({ action: 'booking.expire', entityType: 'booking', entityId: hold.booking_id, outcome: 'success', clinicId: hold.clinic_id }),
      );
      await this.payments.cancelUnpaid(hold.booking_id);
    }

    const unanswered = await this.db.run(NOBODY, (manager) =>
      manager.query<{ booking_id: string; clinic_id: string; consultant_id: string }[]>('SELECT * FROM bookings_unaccepted_past_start()'),
    );
    const declined: string[] = [];
    for (const request of unanswered) {
      const changed = await this.db.runAs({ userId: request.consultant_id, clinicId: request.clinic_id }, async (manager) => {
        const booking = await findBookingRecord(manager, request.booking_id, { lock: true });
        if (booking?.status !== BookingStatus.PendingAcceptance) return false;
        await this.confirmation.declineInTransaction(manager, booking);
        await this.audit.record({ action: 'booking.decline_unanswered', entityType: 'booking', entityId: booking.id, outcome: 'success', clinicId: request.clinic_id });
        return true;
      });
      if (!changed) continue;
      declined.push(request.booking_id);
      await this.payments.refund(null, request.booking_id, 'declined');
    }
    const owed = await this.db.run(NOBODY, (manager) => manager.query<{ booking_id: string; reason: RefundReasonValue }[]>('SELECT * FROM bookings_refunds_owed()'));
    const retried: string[] = [];
    for (const refund of owed) {
      // One provider failure must not keep the others waiting for the next pass.
      const asked = await this.payments.refund(null, refund.booking_id, refund.reason).then(
        () => true,
        (error: unknown) => {
          this.logger.warn({ err: loggableError(error), bookingId: refund.booking_id }, 'an owed refund failed again; the next sweep retries');
          return false;
        },
      );
      if (asked) retried.push(refund.booking_id);
    }
    const result = { expiredHolds: expired.map((hold) => hold.booking_id), declinedUnanswered: declined, refundsRetried: retried };
    if (expired.length + declined.length + owed.length > 0) {
      this.logger.log({ expiredHolds: expired.length, declinedUnanswered: declined.length, refundsRetried: retried.length }, 'booking sweep');
    }
    return result;
  }

  private async sweepQuietly(): Promise<void> {
    if (this.running) return;
    this.running = this.sweep()
      .catch((error: unknown) => this.logger.error({ err: loggableError(error) }, 'booking sweep failed; the next one retries'))
      .finally(() => (this.running = undefined));
    await this.running;
  }
}
