import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { ConsultantSchedules } from '../consultants/consultant-schedules';
import { Consultation, ConsultationStatus } from '../consultations/consultation.entity';
import { DatabaseContext } from '../database/database-context';
import { BookingNotifications } from '../notifications/booking-notifications';
import { PaymentEvents, type PaymentOutcome } from '../payments/payment-events';
import { PaymentsService } from '../payments/payments.service';
import { isSlotConflict } from './booking-holds';
import { findBookingRecord, type BookingRecord } from './booking-record';
import { BookingStatus } from './booking.entity';

/** What the owner of a booking declined or cancelled is told: the usual notice, or that the clinic was suspended. */
export type OwnerNotice = 'booking_declined' | 'booking_cancelled' | 'clinic_suspended';

type Settlement = 'requested' | 'auto_accept' | 'already_settled' | 'refund_unwanted' | 'slot_lost' | 'unknown';

/**
 * What happens to a booking when its money moves or its consultant answers: a settled
 * payment turns a hold into a request (or, with auto-accept, a confirmed booking with its
 * consultation); a payment for a booking that no longer wants it goes back. Payment outcomes
 * arrive from verified webhooks (or the local test mode) and may repeat: every step here is
 * conditional on the booking's current status, so a repeat changes nothing.
 *
 * Nobody is signed in for a webhook: it acts for the owner whose payment it is, and
 * auto-accept acts for the consultant whose rule it is, so row-level security still applies.
 */
@Injectable()
export class BookingConfirmation implements OnModuleInit {
  private readonly logger = new Logger(BookingConfirmation.name);

  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly schedules: ConsultantSchedules,
    private readonly notifications: BookingNotifications,
    private readonly payments: PaymentsService,
    private readonly paymentEvents: PaymentEvents,
  ) {}

  onModuleInit(): void {
    this.paymentEvents.subscribe((outcome) => this.onPaymentOutcome(outcome));
  }

  async onPaymentOutcome(outcome: PaymentOutcome): Promise<void> {
    switch (outcome.kind) {
      case 'payment_succeeded':
        await this.paymentSettled(outcome.bookingId, outcome.ownerId);
        return;
      case 'refund_settled':
        if (outcome.status === 'succeeded') {
          // The e-mail says what this refund gave back, not what the policy granted.
          const details = outcome.amount !== undefined ? { refundAmount: outcome.amount } : {};
          await this.db.runAs({ userId: outcome.ownerId, clinicId: null }, (manager) =>
            this.notifications.enqueue(manager, outcome.bookingId, 'refund_issued', ['owner'], details),
          );
        }
        return;
      case 'payment_failed':
        // The hold stays: the owner may try another card until it lapses.
        return;
    }
  }

  /** The owner's payment went through (or there was nothing to pay). Safe to repeat. */
  async paymentSettled(bookingId: string, ownerId: string): Promise<Settlement> {
    let settlement: Settlement;
    let booking: BookingRecord | null = null;
    try {
      ({ settlement, booking } = await this.db.runAs({ userId: ownerId, clinicId: null }, async (manager) => {
        const found = await findBookingRecord(manager, bookingId, { lock: true });
        if (!found || found.ownerId !== ownerId) return { settlement: 'unknown' as const, booking: null };
        // Cancelled while still a hold: the money came after, and nobody wants it. Any other decline or
        // cancellation decided its refund under the policy already (the sweep retries one that failed to
        // go out), so a repeated announcement of the payment must not refund again.
        if (found.status === BookingStatus.Cancelled && found.refundAmount === null) return { settlement: 'refund_unwanted' as const, booking: found };
        if (found.status !== BookingStatus.Held && found.status !== BookingStatus.Expired) return { settlement: 'already_settled' as const, booking: found };
        // A lapsed hold comes back only to a time the consultant still offers (hours, time off, still in the future).
        const lapsed = found.status === BookingStatus.Expired || (found.holdExpiresAt !== null && found.holdExpiresAt.getTime() <= Date.now());
        if (lapsed && !(await this.stillBookable(manager, found))) {
          await manager.query(`UPDATE bookings SET status = 'expired', updated_at = now() WHERE id = $1 AND status = 'held'`, [bookingId]);
          return { settlement: 'slot_lost' as const, booking: found };
        }
        // And only if no one else holds it meanwhile: bookings_no_overlap says so.
        await manager.query(`UPDATE bookings SET status = 'pending_acceptance', hold_expires_at = NULL, updated_at = now() WHERE id = $1`, [bookingId]);
        const autoAccept = await this.autoAccepts(manager, found);
        if (!autoAccept) await this.notifications.enqueue(manager, bookingId, 'booking_requested', ['owner', 'consultant']);
        await this.audit.record({ action: 'booking.paid', entityType: 'booking', entityId: bookingId, outcome: 'success', actorUserId: ownerId });
        return { settlement: autoAccept ? ('auto_accept' as const) : ('requested' as const), booking: { ...found, status: BookingStatus.PendingAcceptance } };
      }));
    } catch (error) {
      if (!isSlotConflict(error)) throw error;
      settlement = 'slot_lost';
    }

    if (settlement === 'auto_accept' && booking) await this.autoAccept(booking);
    if (settlement === 'slot_lost' || settlement === 'refund_unwanted') {
      this.logger.log({ bookingId, settlement }, 'refunding a payment whose booking no longer takes it');
      await this.payments.refund(null, bookingId, settlement === 'slot_lost' ? 'slot_lost' : 'cancelled_by_owner');
    }
    if (settlement === 'unknown') this.logger.warn({ bookingId }, 'a payment settled for a booking that does not exist');
    return settlement;
  }

  /** In the consultant's transaction (acting in the booking's clinic): the consultation comes into being and both are told. */
  async confirmInTransaction(manager: EntityManager, booking: BookingRecord): Promise<string> {
    const consultationId = randomUUID();
    await manager.insert(Consultation, {
      id: consultationId,
      clinicId: booking.clinicId,
      ownerId: booking.ownerId,
      petId: booking.petId,
      consultantId: booking.consultantId,
      startsAt: booking.startsAt,
      endsAt: booking.endsAt,
      status: ConsultationStatus.Scheduled,
      reason: booking.reason,
    });
    await manager.query(`UPDATE bookings SET status = 'confirmed', consultation_id = $2, updated_at = now() WHERE id = $1`, [booking.id, consultationId]);
    await this.notifications.enqueue(manager, booking.id, 'booking_confirmed', ['owner', 'consultant']);
    await this.notifications.planReminders(manager, booking.id);
    await this.audit.record({ action: 'consultation.create', entityType: 'consultation', entityId: consultationId, outcome: 'success' });
    return consultationId;
  }

  /** In the consultant's transaction; the full refund follows once it committed. */
  /** The owner is told by `notice`: a decline, or their clinic's suspension. */
  async declineInTransaction(
    manager: EntityManager,
    booking: BookingRecord,
    notice: OwnerNotice = 'booking_declined',
  ): Promise<void> {
    await manager.query(`UPDATE bookings SET status = 'declined', refund_amount = price_amount, updated_at = now() WHERE id = $1`, [booking.id]);
    await this.notifications.enqueue(manager, booking.id, notice, ['owner']);
  }

  private async autoAccept(booking: BookingRecord): Promise<void> {
    await this.db.runAs({ userId: booking.consultantId, clinicId: booking.clinicId }, async (manager) => {
      const current = await findBookingRecord(manager, booking.id, { lock: true });
      if (current?.status !== BookingStatus.PendingAcceptance) return;
      await this.confirmInTransaction(manager, current);
      await this.audit.record({ action: 'booking.auto_accept', entityType: 'booking', entityId: booking.id, outcome: 'success', actorUserId: booking.consultantId });
    });
  }

  private async stillBookable(manager: EntityManager, booking: BookingRecord): Promise<boolean> {
    if (booking.startsAt.getTime() <= Date.now()) return false;
    const minutes = Math.round((booking.endsAt.getTime() - booking.startsAt.getTime()) / 60_000);
    return this.schedules.isBookable(manager, booking.consultantId, booking.startsAt, minutes, { exceptBookingId: booking.id });
  }

  /** A consultant who since unpublished or stopped offering the length gets to decide by hand. */
  private async autoAccepts(manager: EntityManager, booking: BookingRecord): Promise<boolean> {
    const minutes = Math.round((booking.endsAt.getTime() - booking.startsAt.getTime()) / 60_000);
    try {
      return (await this.schedules.bookingTerms(manager, booking.consultantId, minutes)).autoAccept;
    } catch (error) {
      if (error instanceof AppError) return false;
      throw error;
    }
  }
}
