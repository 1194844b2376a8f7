import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { BookingsService } from '../bookings/bookings.service';
import { ClinicRecords, type SuspendedBooking } from '../clinics/clinic-records';
import { AppError } from '../common/errors/app-error';
import { loggableError } from '../common/errors/loggable-error';
import { AppConfig } from '../config/app-config';
import { DatabaseContext, NOBODY } from '../database/database-context';
import { PaymentsService } from '../payments/payments.service';

/** Not a session: the consultant's part in each booking, taken on the operator's decision. */
const SUSPENSION = 'clinic-suspension';
const CONSULTANT = 'consultant';
/** Bookings asked for at a time: each is cancelled in a transaction of its own. */
const BATCH = 50;

interface SuspensionWork {
  booking_id: string;
  clinic_id: string;
  consultant_id: string;
  status: 'pending_acceptance' | 'confirmed';
}

/**
 * What a suspension does to a clinic's bookings still to come. In the operator's request, live holds
 * lapse (their unpaid PaymentIntents are cancelled) and the paid bookings are only counted; a
 * background pass then declines requests and cancels confirmed bookings as their consultant would,
 * which refunds them in full and e-mails the owner. The pass works off the bookings themselves
 * (clinic_suspension_work), so it resumes after a restart (it also runs every BOOKING_SWEEP_SECONDS),
 * and each booking is answered under its row lock, so two passes (two app processes) cancel and
 * refund it once: the second finds it answered and moves on.
 */
@Injectable()
export class ClinicSuspension implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ClinicSuspension.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    private readonly db: DatabaseContext,
    private readonly bookings: BookingsService,
    private readonly payments: PaymentsService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (this.config.BOOKING_SWEEP_SECONDS === 0) return;
    this.timer = setInterval(() => void this.passQuietly(), this.config.BOOKING_SWEEP_SECONDS * 1000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Inside the operator's transaction: holds expire; answers the suspended clinic's bookings to wind down. */
  bookingsToCancel(manager: EntityManager, clinicId: string): Promise<SuspendedBooking[]> {
    return ClinicRecords.suspensionBookings(manager, clinicId);
  }

  /** Once that transaction is over: the expired holds' unpaid PaymentIntents are cancelled. */
  async releaseHolds(bookings: SuspendedBooking[]): Promise<void> {
    for (const hold of bookings.filter((booking) => booking.status === 'expired')) {
      await this.payments.cancelUnpaid(hold.booking_id).catch((error: unknown) => {
        this.logger.warn({ err: loggableError(error), bookingId: hold.booking_id }, 'could not cancel a lapsed hold');
      });
    }
  }

  /** Starts a pass in the background, unless this process runs one already (the request does not wait). */
  start(): void {
    void this.passQuietly();
  }

  /** One pass over every suspended clinic's bookings still to cancel; answers how many it answered. */
  async pass(): Promise<number> {
    // Every booking tried, not only the failed ones: one refused BOOKING_STATE but still in the work set
    // (its consultation can no longer be cancelled) would otherwise be asked for again and again.
    const tried = new Set<string>();
    let answered = 0;
    for (;;) {
      const batch = await this.db.run(NOBODY, (manager) =>
        manager.query<SuspensionWork[]>('SELECT * FROM clinic_suspension_work($1)', [BATCH + tried.size]),
      );
      const todo = batch.filter((booking) => !tried.has(booking.booking_id));
      if (todo.length === 0) return answered;
      for (const booking of todo) {
        tried.add(booking.booking_id);
        if (await this.answer(booking)) answered += 1;
      }
    }
  }

  /** What the timer and start() run: one pass at a time in this process, failures logged. */
  async passQuietly(): Promise<void> {
    if (this.running) return;
    this.running = this.pass().catch((error: unknown) => {
      this.logger.error({ err: loggableError(error) }, 'clinic suspension pass failed; the next one resumes it');
      return 0;
    });
    try {
      await this.running;
    } finally {
      this.running = undefined;
    }
  }

  /** Resolves once this process's pass in the background (if any) is over: tests, shutdown. */
  async whenIdle(): Promise<void> {
    await this.running;
  }

  /** Whether the booking is answered now (by this pass or, found so, by another). */
  private async answer(booking: SuspensionWork): Promise<boolean> {
    const clinicId = booking.clinic_id;
    const consultant: Actor = { userId: booking.consultant_id, sessionId: SUSPENSION, clinicId, roles: [CONSULTANT] };
    try {
      const notice = 'clinic_suspended';
      if (booking.status === 'pending_acceptance') await this.bookings.decline(consultant, booking.booking_id, notice);
      else await this.bookings.cancel(consultant, booking.booking_id, notice);
      return true;
    } catch (error) {
      // Another pass (another process) answered it first: nothing is left to do.
      if (error instanceof AppError && error.code === ErrorCode.BookingState) return true;
      // One booking's failure must not keep the others. Failed before its answer committed, it is still in
      // the work set and the next pass retries it; a refund that failed after is retried by the booking sweep.
      const facts = { err: loggableError(error), bookingId: booking.booking_id, clinicId };
      this.logger.error(facts, "could not cancel a suspended clinic's booking; a later pass or sweep retries it");
      return false;
    }
  }
}
