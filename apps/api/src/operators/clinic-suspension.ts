import { Injectable, Logger } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { BookingsService } from '../bookings/bookings.service';
import { ClinicRecords, type SuspendedBooking } from '../clinics/clinic-records';
import { AppError } from '../common/errors/app-error';
import { loggableError } from '../common/errors/loggable-error';
import { PaymentsService } from '../payments/payments.service';

/** Not a session: the consultant's part in each booking, taken on the operator's decision. */
const SUSPENSION = 'clinic-suspension';
const CONSULTANT = 'consultant';

/**
 * What a suspension does to a clinic's bookings still to come: live holds lapse (their unpaid
 * PaymentIntents are cancelled), requests are declined and confirmed bookings cancelled as their
 * consultant would, which refunds them in full and e-mails the owner (the booking module's own
 * machinery, in either payment mode). Each step is conditional on the booking's status, so a
 * second pass (a retry after a failure) does only what the first left undone.
 */
@Injectable()
export class ClinicSuspension {
  private readonly logger = new Logger(ClinicSuspension.name);

  constructor(
    private readonly bookings: BookingsService,
    private readonly payments: PaymentsService,
  ) {}

  /** Inside the operator's transaction: the suspended clinic's bookings to wind down (holds expire here). */
  bookingsToCancel(manager: EntityManager, clinicId: string): Promise<SuspendedBooking[]> {
    return ClinicRecords.suspensionBookings(manager, clinicId);
  }

  /** Once that transaction is over: each booking in a transaction of its own; answers how many were cancelled. */
  async cancel(clinicId: string, bookings: SuspendedBooking[]): Promise<number> {
    let cancelled = 0;
    for (const booking of bookings) {
      const consultant: Actor = { userId: booking.consultant_id, sessionId: SUSPENSION, clinicId, roles: [CONSULTANT] };
      try {
        if (booking.status === 'expired') await this.payments.cancelUnpaid(booking.booking_id);
        else if (booking.status === 'pending_acceptance') await this.bookings.decline(consultant, booking.booking_id);
        else await this.bookings.cancel(consultant, booking.booking_id);
        cancelled += 1;
      } catch (error) {
        // Another pass (a second operator's, at once) answered it first: nothing is left to do.
        if (error instanceof AppError && error.code === ErrorCode.BookingState) continue;
        // One booking's failure (the provider down) must not keep the others; suspending again retries it.
        const facts = { err: loggableError(error), bookingId: booking.booking_id, clinicId };
        this.logger.error(facts, "could not cancel a suspended clinic's booking; suspending again retries it");
      }
    }
    return cancelled;
  }
}
