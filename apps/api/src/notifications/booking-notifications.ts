import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import type { EntityManager } from 'typeorm';
import { BookingStatus } from '../bookings/booking.entity';
import { AppError } from '../common/errors/app-error';
import { AppConfig } from '../config/app-config';
import { BookingNotificationKind, BookingRecipientRole } from './booking-notification.entity';
import { parseReminderOffsets } from './reminder-offsets';

export type BookingNotice =
  | 'booking_requested'
  | 'booking_confirmed'
  | 'booking_declined'
  | 'booking_cancelled'
  | 'booking_rescheduled'
  | 'refund_issued'
  | 'clinic_suspended';
export type BookingRecipient = 'owner' | 'consultant';

/** What a notice says beyond the booking's current row. */
export interface BookingNoticeDetails {
  /** booking_rescheduled: the time it had before; by default the time the last notice of the booking gave. */
  previous?: { startsAt: Date; endsAt: Date };
  /**
   * What is (to be) refunded, in the booking's currency's minor units; null for none. Defaults:
   * a decline refunds the full price; a cancellation says the booking's refund_amount (what the
   * policy granted); a refund says that, else the full price.
   */
  refundAmount?: number | null;
}

/** Notices whose email carries a calendar file: each is a new version of the booking's one event. */
const CALENDAR_NOTICES: ReadonlySet<BookingNotice> = new Set([
  'booking_confirmed',
  'booking_rescheduled',
  'booking_cancelled',
  'clinic_suspended',
]);

interface LockedBooking {
  id: string;
  clinic_id: string;
  owner_id: string;
  consultant_id: string;
  status: BookingStatus;
  starts_at: Date;
  ends_at: Date;
  price_amount: number;
  price_currency: string;
  refund_amount: number | null;
  now: Date;
}

interface NoticeHistory {
  next_ical_sequence: number;
  last_starts_at: Date | null;
  last_ends_at: Date | null;
}

interface OutboxRow {
  recipient: BookingRecipient;
  dueAt: Date | null;
  reminderMinutes: number | null;
}

/**
 * Writes booking emails into the transactional outbox (booking_notifications), inside the
 * caller's transaction: an email is sent only if the booking change commits, and once
 * (NotificationSender does the sending). The caller acts as the booking's owner or its
 * consultant; row-level security admits either, for that booking only.
 */
@Injectable()
export class BookingNotifications {
  /** BOOKING_REMINDER_MINUTES, largest first. */
  readonly reminderOffsets: readonly number[];

  constructor(@Inject(AppConfig) config: AppConfig) {
    const offsets = parseReminderOffsets(config.BOOKING_REMINDER_MINUTES);
    if (!offsets) throw new Error('BOOKING_REMINDER_MINUTES is not valid');
    this.reminderOffsets = offsets;
  }

  /** Inside the caller's transaction (transactional outbox): the email is sent only if the change commits, once. */
  async enqueue(manager: EntityManager, bookingId: string, notice: BookingNotice, recipients: BookingRecipient[], details: BookingNoticeDetails = {}): Promise<void> {
    const booking = await lockBooking(manager, bookingId);
    const [history] = await manager.query<NoticeHistory[]>('SELECT * FROM booking_notifications_history($1)', [bookingId]);
    const told = history?.last_starts_at && history.last_ends_at ? { startsAt: history.last_starts_at, endsAt: history.last_ends_at } : undefined;
    const rows = [...new Set(recipients)].map((recipient): OutboxRow => ({ recipient, dueAt: null, reminderMinutes: null }));
    await insertRows(manager, booking, notice as BookingNotificationKind, rows, {
      previous: notice === 'booking_rescheduled' ? (details.previous ?? told) : undefined,
      refundAmount: details.refundAmount !== undefined ? details.refundAmount : defaultRefund(notice, booking),
      sequence: CALENDAR_NOTICES.has(notice) ? (history?.next_ical_sequence ?? 0) : null,
    });
  }

  /** (Re)plans the reminders for a confirmed booking: drops unsent ones, adds one per BOOKING_REMINDER_MINUTES offset still in the future. */
  async planReminders(manager: EntityManager, bookingId: string): Promise<void> {
    const booking = await lockBooking(manager, bookingId);
    await this.dropReminders(manager, bookingId);
    if (booking.status !== BookingStatus.Confirmed) return;
    const rows = this.reminderOffsets
      .map((minutes) => ({ minutes, dueAt: new Date(booking.starts_at.getTime() - minutes * 60_000) }))
      .filter(({ dueAt }) => dueAt > booking.now)
      .flatMap(({ minutes, dueAt }) => (['owner', 'consultant'] as const).map((recipient): OutboxRow => ({ recipient, dueAt, reminderMinutes: minutes })));
    await insertRows(manager, booking, BookingNotificationKind.Reminder, rows, { refundAmount: null, sequence: null });
  }

  /** Drops the booking's reminders not sent yet (cancelled, declined, or about to be replanned). */
  async dropReminders(manager: EntityManager, bookingId: string): Promise<void> {
    await manager.query('SELECT booking_notifications_drop_reminders($1)', [bookingId]);
  }
}

/**
 * The booking as the actor sees it, locked: notices for one booking are written one
 * transaction at a time, so their calendar SEQUENCE numbers only ever grow.
 */
async function lockBooking(manager: EntityManager, bookingId: string): Promise<LockedBooking> {
  const [booking] = await manager.query<LockedBooking[]>(
    `SELECT id, clinic_id, owner_id, consultant_id, status, starts_at, ends_at, price_amount, price_currency, refund_amount, now() AS now
       FROM bookings WHERE id = $1 FOR UPDATE`,
    [bookingId],
  );
  if (!booking) throw new AppError(ErrorCode.NotFound);
  return booking;
}

function defaultRefund(notice: BookingNotice, booking: LockedBooking): number | null {
  if (notice === 'booking_declined' || notice === 'clinic_suspended') return booking.price_amount;
  if (notice === 'booking_cancelled') return booking.refund_amount;
  if (notice === 'refund_issued') return booking.refund_amount ?? booking.price_amount;
  return null;
}

async function insertRows(
  manager: EntityManager,
  booking: LockedBooking,
  kind: BookingNotificationKind,
  rows: OutboxRow[],
  extra: { previous?: { startsAt: Date; endsAt: Date }; refundAmount: number | null; sequence: number | null },
): Promise<void> {
  if (rows.length === 0) return;
  const recipientId = (recipient: BookingRecipient) => (recipient === 'owner' ? booking.owner_id : booking.consultant_id);
  const role = (recipient: BookingRecipient) => (recipient === 'owner' ? BookingRecipientRole.Owner : BookingRecipientRole.Consultant);
  // A notice is due now (the transaction's time): the same notice written twice in one
  // transaction meets the unique key and stays one row. Nothing else about it conflicts.
  await manager.query(
    `INSERT INTO booking_notifications (id, booking_id, clinic_id, recipient_id, recipient_role, kind, due_at, next_attempt_at, reminder_minutes,
       starts_at, ends_at, previous_starts_at, previous_ends_at, refund_amount, refund_currency, ical_sequence)
     SELECT r.id, $1, $2, r.recipient_id, r.role, $3::booking_notification_kind, coalesce(r.due_at, now()), coalesce(r.due_at, now()), r.minutes,
       $4, $5, $6, $7, $8, $9, $10
       FROM unnest($11::uuid[], $12::uuid[], $13::booking_recipient_role[], $14::timestamptz[], $15::integer[]) AS r(id, recipient_id, role, due_at, minutes)
     ON CONFLICT DO NOTHING`,
    [
      booking.id,
      booking.clinic_id,
      kind,
      booking.starts_at,
      booking.ends_at,
      extra.previous?.startsAt ?? null,
      extra.previous?.endsAt ?? null,
      extra.refundAmount,
      extra.refundAmount === null ? null : booking.price_currency,
      extra.sequence,
      rows.map(() => randomUUID()),
      rows.map((row) => recipientId(row.recipient)),
      rows.map((row) => role(row.recipient)),
      rows.map((row) => row.dueAt),
      rows.map((row) => row.reminderMinutes),
    ],
  );
}
