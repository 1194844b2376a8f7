import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { AppError } from '../common/errors/app-error';
import { DatabaseContext } from '../database/database-context';
import { BookingStatus } from './booking.entity';

/** SQLSTATE exclusion_violation: bookings_no_overlap refused an overlapping blocking booking. */
const EXCLUSION_VIOLATION = '23P01';

export interface HoldSlotRequest {
  clinicId: string;
  consultantId: string;
  petId: string;
  startsAt: Date;
  endsAt: Date;
  /** The consultant's buffers around the consultation, in minutes; they block time too. */
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  /** How long the owner has to finish (pay) before the hold lapses. */
  holdSeconds: number;
  priceAmount: number;
  priceCurrency: string;
  reason: string;
  photoAttachmentIds?: string[];
}

export interface HeldSlot {
  id: string;
  status: BookingStatus.Held;
  blockedFrom: Date;
  blockedUntil: Date;
  holdExpiresAt: Date;
}

/**
 * Holds a consultant's slot for the acting owner. No check-then-insert: the insert itself is
 * the check (bookings_no_overlap), so of any number of concurrent requests for overlapping
 * time exactly one commits and the rest get SLOT_TAKEN. Writers of one consultant's time queue
 * on a lock first, so they never deadlock inside the constraint. Lapsed holds of the consultant are
 * marked expired first, in the same transaction, so they no longer block.
 */
@Injectable()
export class BookingHolds {
  constructor(private readonly db: DatabaseContext) {}

  /** In a transaction of its own. */
  async holdSlot(actor: { userId: string; clinicId: string | null }, request: HoldSlotRequest): Promise<HeldSlot> {
    return this.db.runAs(actor, (manager) => this.insertHold(manager, actor.userId, request)).catch(rethrowSlotTaken);
  }

  /**
   * In the caller's transaction, which then fails with the exclusion violation when the slot
   * was taken: the caller maps it with rethrowSlotTaken once the transaction is over.
   */
  async insertHold(manager: EntityManager, ownerId: string, request: HoldSlotRequest): Promise<HeldSlot> {
    const blockedFrom = new Date(request.startsAt.getTime() - request.bufferBeforeMinutes * 60_000);
    const blockedUntil = new Date(request.endsAt.getTime() + request.bufferAfterMinutes * 60_000);
    const id = randomUUID();
    // The insert would take this lock anyway (SerializeBlockingBookingWrites); taking it first means
    // the lapsed holds are expired by one writer at a time, too.
    await manager.query('SELECT bookings_lock_consultant_calendar($1)', [request.consultantId]);
    await manager.query('SELECT booking_id FROM bookings_expire_lapsed_holds($1)', [request.consultantId]);
    const [row] = await manager.query<{ hold_expires_at: Date }[]>(
      `INSERT INTO bookings (id, clinic_id, consultant_id, owner_id, pet_id, starts_at, ends_at, blocked_from, blocked_until, status, hold_expires_at, price_amount, price_currency, reason, photo_attachment_ids)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'held', now() + make_interval(secs => $10), $11, $12, $13, $14)
       RETURNING hold_expires_at`,
      [
        id,
        request.clinicId,
        request.consultantId,
        ownerId,
        request.petId,
        request.startsAt,
        request.endsAt,
        blockedFrom,
        blockedUntil,
        request.holdSeconds,
        request.priceAmount,
        request.priceCurrency,
        request.reason,
        request.photoAttachmentIds ?? [],
      ],
    );
    return { id, status: BookingStatus.Held, blockedFrom, blockedUntil, holdExpiresAt: row.hold_expires_at };
  }
}

/** Whether the database refused a write because it would overlap a consultant's blocking booking. */
export function isSlotConflict(error: unknown): boolean {
  return error instanceof QueryFailedError && (error.driverError as { code?: string }).code === EXCLUSION_VIOLATION;
}

/** Turns the exclusion violation into SLOT_TAKEN; anything else passes through. */
export function rethrowSlotTaken(error: unknown): never {
  if (isSlotConflict(error)) throw new AppError(ErrorCode.SlotTaken, 'This time was just taken by another booking. Choose another slot.');
  throw error;
}
