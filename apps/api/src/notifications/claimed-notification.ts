import type { BookingStatus } from '../bookings/booking.entity';
import type { BookingNotificationKind, BookingRecipientRole } from './booking-notification.entity';

/**
 * One outbox row the sender claimed, with what its email needs and nothing more
 * (booking_notifications_claim): no reason for the visit, no pet record, no one's address
 * but the recipient's own.
 */
export interface ClaimedNotification {
  id: string;
  bookingId: string;
  kind: BookingNotificationKind;
  recipientRole: BookingRecipientRole;
  /** Including this one. */
  attempts: number;
  reminderMinutes: number | null;
  /** The booking's time when the row was written. */
  startsAt: Date;
  endsAt: Date;
  previousStartsAt: Date | null;
  previousEndsAt: Date | null;
  refundAmount: number | null;
  refundCurrency: string | null;
  icalSequence: number | null;
  createdAt: Date;
  recipientEmail: string;
  recipientName: string;
  recipientTimeZone: string;
  recipientCountry: string;
  otherPartyName: string;
  petName: string;
  /** The booking now: a reminder checks it still applies. */
  bookingStatus: BookingStatus;
  bookingStartsAt: Date;
  consultationId: string | null;
}

export interface ClaimedNotificationRow {
  id: string;
  booking_id: string;
  kind: BookingNotificationKind;
  recipient_role: BookingRecipientRole;
  attempts: number;
  reminder_minutes: number | null;
  starts_at: Date;
  ends_at: Date;
  previous_starts_at: Date | null;
  previous_ends_at: Date | null;
  refund_amount: number | null;
  refund_currency: string | null;
  ical_sequence: number | null;
  created_at: Date;
  recipient_email: string;
  recipient_name: string;
  recipient_time_zone: string;
  recipient_country: string;
  other_party_name: string;
  pet_name: string;
  booking_status: BookingStatus;
  booking_starts_at: Date;
  consultation_id: string | null;
}

export function toClaimedNotification(row: ClaimedNotificationRow): ClaimedNotification {
  return {
    id: row.id,
    bookingId: row.booking_id,
    kind: row.kind,
    recipientRole: row.recipient_role,
    attempts: row.attempts,
    reminderMinutes: row.reminder_minutes,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    previousStartsAt: row.previous_starts_at,
    previousEndsAt: row.previous_ends_at,
    refundAmount: row.refund_amount,
    refundCurrency: row.refund_currency,
    icalSequence: row.ical_sequence,
    createdAt: row.created_at,
    recipientEmail: row.recipient_email,
    recipientName: row.recipient_name,
    recipientTimeZone: row.recipient_time_zone,
    recipientCountry: row.recipient_country,
    otherPartyName: row.other_party_name,
    petName: row.pet_name,
    bookingStatus: row.booking_status,
    bookingStartsAt: row.booking_starts_at,
    consultationId: row.consultation_id,
  };
}
