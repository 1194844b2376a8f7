import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  ErrorCode,
  type BookingCreatedView,
  type BookingListPage,
  type BookingListQueryPayload,
  type BookingPaymentStart,
  type BookingRoleValue,
  type BookingView,
  type ConsultantSlotsView,
  type ConsultationStatusValue,
  type CreateBookingPayload, type PetView,
  type RescheduleSlotsQueryPayload,
  type TestPaymentOutcome,
} from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { loggableError } from '../common/errors/loggable-error';
import { AppConfig } from '../config/app-config';
import { ConsultantDirectoryService } from '../consultants/consultant-directory.service';
import { ConsultantSchedules } from '../consultants/consultant-schedules';
import { ConsentsService } from '../consents/consents.service';
import { ConsultationEvents } from '../consultations/consultation-events';
import { joinWindowSettingsOf } from '../consultations/join-window';
import { DatabaseContext } from '../database/database-context';
import { Pet } from '../pets/pet.entity';
import { toPetView } from '../pets/pets.service';
import { BookingNotifications } from '../notifications/booking-notifications';
import { PaymentsService } from '../payments/payments.service';
import { ClinicChargeReadiness } from '../payouts/clinic-charge-readiness';
import { BookingConfirmation, type OwnerNotice } from './booking-confirmation';
import { BookingHolds, rethrowSlotTaken } from './booking-holds';
import { cancellationRefund, canCancel, canReschedule } from './booking-policy';
import { listBookingIds } from './booking-list';
import { findBookingRecord, findConsultationStatus, type BookingRecord } from './booking-record';
import { loadBookingViews } from './booking-views';
import { BLOCKING_BOOKING_STATUSES, BookingParty, BookingStatus } from './booking.entity';

const notFound = () => new AppError(ErrorCode.NotFound, 'No such booking.');

/** How a refusal names a consultation whose call has begun (or was missed): past changing. */
const STARTED_STAGES: Partial<Record<ConsultationStatusValue, string>> = {
  in_progress: 'is in progress',
  ended: 'has ended',
  no_show: 'was missed',
};
const STILL_ON = new Set<BookingStatus>(BLOCKING_BOOKING_STATUSES);

/**
 * Bookings over HTTP: an owner holds a slot and pays; the consultant accepts or declines;
 * either side cancels or reschedules under the policy (booking-policy.ts). Every method finds
 * the actor's part in the booking first, and anything else is "not found". Calls to the
 * payment provider happen outside database transactions; every change is audited, and the
 * emails it causes are written to the outbox in the same transaction.
 */
@Injectable()
export class BookingsService {
  private readonly logger = new Logger(BookingsService.name);

  constructor(
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    private readonly holds: BookingHolds,
    private readonly schedules: ConsultantSchedules,
    private readonly payments: PaymentsService,
    private readonly notifications: BookingNotifications,
    private readonly confirmation: BookingConfirmation,
    private readonly consultationEvents: ConsultationEvents,
    private readonly directory: ConsultantDirectoryService,
    private readonly consents: ConsentsService,
    private readonly readiness: ClinicChargeReadiness,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, request: CreateBookingPayload): Promise<BookingCreatedView> {
    const startsAt = new Date(request.startsAt);
    const photoIds = [...new Set(request.photoAttachmentIds ?? [])];
    const { bookingId, terms } = await this.db
      .runAs(actor, async (manager) => {
        const terms = await this.schedules.bookingTerms(manager, request.consultantId, request.durationMinutes);
        if (terms.consultantId === actor.userId) throw new AppError(ErrorCode.ValidationFailed, 'You cannot book a consultation with yourself.', ['consultantId: is you']);
        if (terms.priceAmount > 0) await this.readiness.requireReady(manager, terms.clinicId);
        await this.requireOwnPet(manager, actor, request.petId);
        await this.requirePetPhotos(manager, request.petId, photoIds);
        if (!(await this.schedules.isBookable(manager, terms.consultantId, startsAt, terms.durationMinutes))) {
          throw await this.slotRefusal(manager, terms.consultantId, startsAt, terms.durationMinutes, terms.bufferBeforeMinutes, terms.bufferAfterMinutes);
        }
        const hold = await this.holds.insertHold(manager, actor.userId, {
          clinicId: terms.clinicId,
          consultantId: terms.consultantId,
          petId: request.petId,
          startsAt,
          endsAt: new Date(startsAt.getTime() + terms.durationMinutes * 60_000),
          bufferBeforeMinutes: terms.bufferBeforeMinutes,
          bufferAfterMinutes: terms.bufferAfterMinutes,
          holdSeconds: this.config.BOOKING_HOLD_MINUTES * 60,
          priceAmount: terms.priceAmount,
          priceCurrency: terms.priceCurrency,
          reason: request.reason,
          photoAttachmentIds: photoIds,
        });
        await this.audit.record({ action: 'booking.hold', entityType: 'booking', entityId: hold.id, outcome: 'success' });
        await this.consents.keepBookingConsents(manager, hold.id, request.consents);
        return { bookingId: hold.id, terms };
      })
      .catch(rethrowSlotTaken);

    if (terms.priceAmount === 0) {
      // Nothing to pay: the request goes straight to the consultant (or is confirmed by their auto-accept).
      await this.confirmation.paymentSettled(bookingId, actor.userId);
      return { booking: await this.get(actor, bookingId), payment: null };
    }
    try {
      const payment = await this.payments.start(actor, { bookingId, clinicId: terms.clinicId, ownerId: actor.userId, amount: terms.priceAmount, currency: terms.priceCurrency });
      const booking = await this.get(actor, bookingId);
      return { booking, payment: { mode: payment.mode, clientSecret: payment.clientSecret, publishableKey: payment.publishableKey, amount: payment.amount, currency: payment.currency } };
    } catch (error) {
      // Without a payment the hold is useless to the owner and blocks the slot for everyone else.
      await this.releaseHold(actor, bookingId).catch((releaseError: unknown) =>
        this.logger.error({ err: loggableError(releaseError), bookingId }, 'could not release the hold of a booking whose payment failed to start'),
      );
      throw error;
    }
  }

  /** A page of one side's upcoming or past bookings (booking-list); a consultant sees a booking once it is a request to them. */
  list(actor: Actor, query: BookingListQueryPayload): Promise<BookingListPage> {
    return this.db.runAs(actor, async (manager) => {
      const page = await listBookingIds(manager, actor.userId, query);
      await this.audit.record({ action: 'booking.list', entityType: 'booking', outcome: 'success' });
      return { items: await this.views(manager, actor, page.ids), nextCursor: page.nextCursor };
    });
  }

  get(actor: Actor, bookingId: string): Promise<BookingView> {
    return this.db.runAs(actor, async (manager) => {
      await this.part(manager, actor, bookingId, 'booking.read');
      await this.audit.record({ action: 'booking.read', entityType: 'booking', entityId: bookingId, outcome: 'success' });
      return this.view(manager, actor, bookingId);
    });
  }

  /** The pet's full record, shared with the consultant for this booking once it is paid (row-level security: pets_booking_consultant). */
  petRecord(actor: Actor, bookingId: string): Promise<PetView> {
    return this.db.runAs(actor, async (manager) => {
      const booking = await this.part(manager, actor, bookingId, 'pet.read');
      const pet = await manager.findOneBy(Pet, { id: booking.petId });
      if (!pet) {
        await this.audit.recordIndependently({ action: 'pet.read', entityType: 'booking', entityId: bookingId, outcome: 'denied', clinicId: null });
        throw new AppError(ErrorCode.NotFound, 'No such pet.');
      }
      await this.audit.record({ action: 'pet.read', entityType: 'booking', entityId: bookingId, outcome: 'success' });
      return toPetView(pet);
    });
  }

  /**
   * The payment form's start again, for the owner of a held booking in another tab or on another
   * device: the same PaymentIntent (its idempotency key comes from the booking), never a second one.
   */
  async paymentStart(actor: Actor, bookingId: string): Promise<BookingPaymentStart> {
    const booking = await this.db.runAs(actor, (manager) => this.part(manager, actor, bookingId, 'booking.payment'));
    if (booking.role !== 'owner' || booking.status !== BookingStatus.Held || booking.priceAmount === 0) throw this.stateError(booking, 'be paid');
    if (booking.holdExpiresAt && booking.holdExpiresAt.getTime() <= Date.now()) throw new AppError(ErrorCode.BookingState, 'The hold on this time has run out: choose a time again.');
    const payment = await this.payments.start(actor, { bookingId, clinicId: booking.clinicId, ownerId: actor.userId, amount: booking.priceAmount, currency: booking.priceCurrency });
    return { mode: payment.mode, clientSecret: payment.clientSecret, publishableKey: payment.publishableKey, amount: payment.amount, currency: payment.currency };
  }

  /**
   * The consultant's free times of the booking's length, for moving it: as the public slots, but
   * the booking's own time (and buffers) count as free. Only for its owner and its consultant.
   */
  async rescheduleSlots(actor: Actor, bookingId: string, query: RescheduleSlotsQueryPayload): Promise<ConsultantSlotsView> {
    const { booking, consultationStatus } = await this.db.runAs(actor, async (manager) => {
      const found = await this.part(manager, actor, bookingId, 'booking.reschedule_slots');
      return { booking: found, consultationStatus: await findConsultationStatus(manager, found) };
    });
    await this.refuseOnceStarted(booking, consultationStatus, 'booking.reschedule', 'be moved');
    if (!canReschedule(this.policyInput(booking, consultationStatus), booking.role, new Date())) {
      throw await this.refused(booking, 'booking.reschedule', 'be rescheduled');
    }
    const durationMinutes = Math.round((booking.endsAt.getTime() - booking.startsAt.getTime()) / 60_000);
    return this.directory.slots(booking.consultantId, { ...query, durationMinutes }, { exceptBookingId: bookingId });
  }

  /** Local test payment mode: the labelled stand-in for the card form. The outcome arrives like a webhook's. */
  async payWithTestCard(actor: Actor, bookingId: string, outcome: TestPaymentOutcome): Promise<BookingView> {
    const booking = await this.db.runAs(actor, (manager) => this.part(manager, actor, bookingId, 'booking.test_payment'));
    if (booking.role !== 'owner') throw new AppError(ErrorCode.Forbidden, 'Only the owner pays for a booking.');
    if (booking.status !== BookingStatus.Held) throw this.stateError(booking, 'be paid');
    await this.payments.confirmTestPayment(actor, bookingId, outcome);
    return this.get(actor, bookingId);
  }

  accept(actor: Actor, bookingId: string): Promise<BookingView> {
    return this.db.runAs(actor, async (manager) => {
      const booking = await this.consultantPart(manager, actor, bookingId, 'booking.accept');
      if (booking.status !== BookingStatus.PendingAcceptance) throw this.stateError(booking, 'be accepted');
      await this.confirmation.confirmInTransaction(manager, booking);
      await this.audit.record({ action: 'booking.accept', entityType: 'booking', entityId: bookingId, outcome: 'success' });
      return this.view(manager, actor, bookingId);
    });
  }

  /** Declining refunds in full; a suspension's pass tells the owner so with `notice` 'clinic_suspended'. */
  async decline(actor: Actor, bookingId: string, notice?: OwnerNotice): Promise<BookingView> {
    await this.db.runAs(actor, async (manager) => {
      const booking = await this.consultantPart(manager, actor, bookingId, 'booking.decline');
      if (booking.status !== BookingStatus.PendingAcceptance) throw this.stateError(booking, 'be declined');
      await this.confirmation.declineInTransaction(manager, booking, notice);
      await this.audit.record({ action: 'booking.decline', entityType: 'booking', entityId: bookingId, outcome: 'success' });
    });
    await this.payments.refund(actor, bookingId, 'declined');
    return this.get(actor, bookingId);
  }

  /** Either side, before the start, under the refund policy. A consultation already made from it is cancelled too, and its room closes. */
  async cancel(actor: Actor, bookingId: string, ownerNotice: OwnerNotice = 'booking_cancelled'): Promise<BookingView> {
    const now = new Date();
    const outcome = await this.db.runAs(actor, async (manager) => {
      const booking = await this.part(manager, actor, bookingId, 'booking.cancel', { lock: true });
      const consultationStatus = await findConsultationStatus(manager, booking, { lock: true });
      await this.refuseOnceStarted(booking, consultationStatus, 'booking.cancel', 'be cancelled');
      const policy = this.policyInput(booking, consultationStatus);
      if (!canCancel(policy, booking.role, now)) throw await this.refused(booking, 'booking.cancel', 'be cancelled');
      if (booking.consultationId) await this.cancelConsultation(manager, booking);
      const refundAmount = cancellationRefund(policy, booking.role, now);
      await manager.query(
        `UPDATE bookings SET status = 'cancelled', cancelled_by = $2, cancelled_at = $3, refund_amount = $4, hold_expires_at = NULL, updated_at = now() WHERE id = $1`,
        [bookingId, booking.role === 'owner' ? BookingParty.Owner : BookingParty.Consultant, now, booking.status === BookingStatus.Held ? null : refundAmount],
      );
      if (booking.status !== BookingStatus.Held) {
        await this.notifications.dropReminders(manager, bookingId);
        if (ownerNotice === 'booking_cancelled') {
          await this.notifications.enqueue(manager, bookingId, 'booking_cancelled', ['owner', 'consultant']);
        } else {
          await this.notifications.enqueue(manager, bookingId, ownerNotice, ['owner']);
          await this.notifications.enqueue(manager, bookingId, 'booking_cancelled', ['consultant']);
        }
      }
      await this.audit.record({ action: 'booking.cancel', entityType: 'booking', entityId: bookingId, outcome: 'success' });
      return { booking, refundAmount };
    });
    if (outcome.booking.consultationId) this.consultationEvents.emit('cancelled', { consultationId: outcome.booking.consultationId });
    if (outcome.booking.status === BookingStatus.Held) await this.payments.cancelUnpaid(bookingId);
    else if (outcome.refundAmount > 0) await this.payments.refund(actor, bookingId, outcome.booking.role === 'owner' ? 'cancelled_by_owner' : 'cancelled_by_consultant');
    return this.get(actor, bookingId);
  }

  /** Another of the consultant's slots of the same length; the consultation (if any) and its reminders move with it. */
  reschedule(actor: Actor, bookingId: string, startsAtIso: string): Promise<BookingView> {
    const startsAt = new Date(startsAtIso);
    const now = new Date();
    return this.db
      .runAs(actor, async (manager) => {
        const booking = await this.part(manager, actor, bookingId, 'booking.reschedule', { lock: true });
        const consultationStatus = await findConsultationStatus(manager, booking, { lock: true });
        await this.refuseOnceStarted(booking, consultationStatus, 'booking.reschedule', 'be moved');
        if (!canReschedule(this.policyInput(booking, consultationStatus), booking.role, now)) {
          throw await this.refused(booking, 'booking.reschedule', 'be rescheduled');
        }
        const durationMinutes = Math.round((booking.endsAt.getTime() - booking.startsAt.getTime()) / 60_000);
        const terms = await this.schedules.bookingTerms(manager, booking.consultantId, durationMinutes);
        if (!(await this.schedules.isBookable(manager, booking.consultantId, startsAt, durationMinutes, { exceptBookingId: bookingId }))) {
          throw await this.slotRefusal(manager, booking.consultantId, startsAt, durationMinutes, terms.bufferBeforeMinutes, terms.bufferAfterMinutes, bookingId);
        }
        const endsAt = new Date(startsAt.getTime() + durationMinutes * 60_000);
        await manager.query(
          `UPDATE bookings SET starts_at = $2, ends_at = $3, blocked_from = $4, blocked_until = $5, updated_at = now() WHERE id = $1`,
          [bookingId, startsAt, endsAt, new Date(startsAt.getTime() - terms.bufferBeforeMinutes * 60_000), new Date(endsAt.getTime() + terms.bufferAfterMinutes * 60_000)],
        );
        // Its consultation moves with it (bookings_move_consultation).
        if (booking.status === BookingStatus.Confirmed) await this.notifications.planReminders(manager, bookingId);
        await this.notifications.enqueue(manager, bookingId, 'booking_rescheduled', ['owner', 'consultant']);
        await this.audit.record({ action: 'booking.reschedule', entityType: 'booking', entityId: bookingId, outcome: 'success' });
        return this.view(manager, actor, bookingId);
      })
      .catch(rethrowSlotTaken);
  }

  private async releaseHold(actor: Actor, bookingId: string): Promise<void> {
    await this.db.runAs(actor, (manager) =>
      manager.query(`UPDATE bookings SET status = 'expired', hold_expires_at = now(), updated_at = now() WHERE id = $1 AND owner_id = $2 AND status = 'held'`, [bookingId, actor.userId]),
    );
  }

  /** Its row is locked and its status checked (refuseOnceStarted) before: nothing started it since. */
  private async cancelConsultation(manager: EntityManager, booking: BookingRecord): Promise<void> {
    await manager.query(`UPDATE consultations SET status = 'cancelled', updated_at = now() WHERE id = $1`, [booking.consultationId]);
  }

  private async requireOwnPet(manager: EntityManager, actor: Actor, petId: string): Promise<void> {
    const [pet] = await manager.query<{ id: string }[]>('SELECT id FROM pets WHERE id = $1 AND owner_id = $2', [petId, actor.userId]);
    if (!pet) throw new AppError(ErrorCode.NotFound, 'No such pet.');
  }

  private async requirePetPhotos(manager: EntityManager, petId: string, photoIds: string[]): Promise<void> {
    if (photoIds.length === 0) return;
    const rows = await manager.query<{ id: string }[]>(`SELECT id FROM pet_attachments WHERE id = ANY ($1::uuid[]) AND pet_id = $2 AND content_type LIKE 'image/%'`, [photoIds, petId]);
    const found = new Set(rows.map((row) => row.id));
    const missing = photoIds.filter((id) => !found.has(id));
    if (missing.length > 0) {
      throw new AppError(ErrorCode.ValidationFailed, 'Only photos from this pet’s record can be shared with the booking.', missing.map((id) => `photoAttachmentIds: ${id} is not a photo of this pet`));
    }
  }

  /** SLOT_TAKEN when another booking or hold now covers the time (someone was quicker), else SLOT_UNAVAILABLE. */
  private async slotRefusal(
    manager: EntityManager,
    consultantId: string,
    startsAt: Date,
    durationMinutes: number,
    bufferBeforeMinutes: number,
    bufferAfterMinutes: number,
    exceptBookingId: string | null = null,
  ): Promise<AppError> {
    const from = new Date(startsAt.getTime() - bufferBeforeMinutes * 60_000);
    const to = new Date(startsAt.getTime() + (durationMinutes + bufferAfterMinutes) * 60_000);
    const [busy] = await manager.query<unknown[]>('SELECT 1 FROM consultant_busy_intervals($1, $2, $3, $4) LIMIT 1', [consultantId, from, to, exceptBookingId]);
    return busy
      ? new AppError(ErrorCode.SlotTaken, 'This time was just taken by another booking. Choose another slot.')
      : new AppError(ErrorCode.SlotUnavailable, 'This time is not open for booking. Choose one of the slots offered.');
  }

  private policyInput(booking: BookingRecord, consultationStatus: ConsultationStatusValue | null) {
    return {
      status: booking.status,
      startsAt: booking.startsAt,
      priceAmount: booking.priceAmount,
      fullRefundNoticeHours: this.config.BOOKING_FULL_REFUND_NOTICE_HOURS,
      consultationStatus,
    };
  }

  /**
   * CONSULTATION_STATE once the consultation of a booking still on has started, ended or was
   * missed: the room opens before the booked start, so the booked time alone does not tell
   * (audited). A booking already over (cancelled, no-show) is refused by the policy as before.
   */
  private async refuseOnceStarted(
    booking: BookingRecord,
    status: ConsultationStatusValue | null,
    action: 'booking.cancel' | 'booking.reschedule',
    what: string,
  ): Promise<void> {
    const stage = status ? STARTED_STAGES[status] : undefined;
    if (!stage || !STILL_ON.has(booking.status)) return;
    const denied = { action, entityType: 'booking', entityId: booking.id, outcome: 'denied', clinicId: null } as const;
    await this.audit.recordIndependently(denied);
    const message = `The consultation of this booking ${stage}: it can no longer ${what}.`;
    throw new AppError(ErrorCode.ConsultationState, message);
  }

  private stateError(booking: BookingRecord, what: string): AppError {
    return new AppError(ErrorCode.BookingState, `This booking is ${booking.status.replace('_', ' ')}: it cannot ${what}.`);
  }

  /** Why the policy said no, in words the person can act on. */
  private async refused(booking: BookingRecord & { role: BookingRoleValue }, action: 'booking.cancel' | 'booking.reschedule', what: string): Promise<AppError> {
    await this.audit.recordIndependently({ action, entityType: 'booking', entityId: booking.id, outcome: 'denied', clinicId: null });
    const open = [BookingStatus.Held, BookingStatus.PendingAcceptance, BookingStatus.Confirmed].includes(booking.status);
    if (open && new Date() >= booking.startsAt) return new AppError(ErrorCode.BookingState, `This booking has started: it can no longer ${what}.`);
    if (booking.role === 'consultant' && booking.status === BookingStatus.PendingAcceptance && action === 'booking.cancel') {
      return new AppError(ErrorCode.BookingState, 'Answer a request by accepting or declining it.');
    }
    if (booking.role === 'owner' && action === 'booking.reschedule' && booking.status !== BookingStatus.Held && open) {
      return new AppError(ErrorCode.BookingState, 'The notice for a free change has passed: cancel the booking (without refund), or ask the consultant to move it.');
    }
    return this.stateError(booking, what);
  }

  /**
   * The actor's part in the booking. A consultant has none in a booking that never became a
   * request to them (row-level security hides it, but a consultant who is also their clinic's
   * admin sees every booking of the clinic).
   */
  private async part(manager: EntityManager, actor: Actor, bookingId: string, action: string, options: { lock?: boolean } = {}): Promise<BookingRecord & { role: BookingRoleValue }> {
    const booking = await findBookingRecord(manager, bookingId, options);
    const role: BookingRoleValue | null =
      booking?.ownerId === actor.userId ? 'owner' : booking?.consultantId === actor.userId && booking.requestedAt !== null ? 'consultant' : null;
    if (booking && role) return { ...booking, role };
    await this.audit.recordIndependently({ action, entityType: 'booking', entityId: bookingId, outcome: 'denied', clinicId: null });
    throw notFound();
  }

  /** Accepting makes a consultation in the booking's clinic, so the consultant acts in it (X-Clinic-Id). */
  private async consultantPart(manager: EntityManager, actor: Actor, bookingId: string, action: string): Promise<BookingRecord & { role: BookingRoleValue }> {
    const booking = await this.part(manager, actor, bookingId, action, { lock: true });
    if (booking.role !== 'consultant') {
      await this.audit.recordIndependently({ action, entityType: 'booking', entityId: bookingId, outcome: 'denied', clinicId: null });
      throw new AppError(ErrorCode.Forbidden, 'Only the consultant answers a booking request.');
    }
    if (actor.clinicId !== booking.clinicId) throw new AppError(ErrorCode.Forbidden, 'Act in the clinic of this booking (choose it in the clinic switcher) to answer it.');
    return booking;
  }

  private async view(manager: EntityManager, actor: Actor, bookingId: string): Promise<BookingView> {
    const [view] = await this.views(manager, actor, [bookingId]);
    if (!view) throw notFound();
    return view;
  }

  private views(manager: EntityManager, actor: Actor, ids: string[]): Promise<BookingView[]> {
    return loadBookingViews(manager, actor.userId, ids, {
      fullRefundNoticeHours: this.config.BOOKING_FULL_REFUND_NOTICE_HOURS,
      joinWindow: joinWindowSettingsOf(this.config),
      now: new Date(),
      payments: (paymentManager, bookingIds) => this.payments.summaries(paymentManager, bookingIds),
    });
  }
}
