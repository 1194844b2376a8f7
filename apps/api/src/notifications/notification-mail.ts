import type { MailLinks } from '../mail/mail-links';
import type { MailSettings } from '../mail/mail-settings';
import type { MailAttachment, MailRequest } from '../mail/mailer';
import { bookingNames } from '../mail/templates/booking-mail';
import { mailStringsFor, type BookingMailParams, type BookingNames, type MailTemplateName } from '../mail/templates';
import { buildCalendarFile, CALENDAR_FILE_NAME, calendarContentType, calendarUid, type CalendarMethod } from './booking-calendar';
import { BookingNotificationKind } from './booking-notification.entity';
import type { ClaimedNotification } from './claimed-notification';

/** Any one template's request. */
export type BookingMailRequest = { [Name in MailTemplateName]: MailRequest<Name> }[MailTemplateName];

const CALENDAR_METHODS: Partial<Record<BookingNotificationKind, CalendarMethod>> = {
  [BookingNotificationKind.Confirmed]: 'REQUEST',
  [BookingNotificationKind.Rescheduled]: 'REQUEST',
  [BookingNotificationKind.Cancelled]: 'CANCEL',
  [BookingNotificationKind.ClinicSuspended]: 'CANCEL',
};

/**
 * The email of one outbox row: its template and parameters, its calendar file when it has
 * one, and a Message-ID key of its own (the row's id), so every try is the same message.
 */
export function composeNotificationMail(row: ClaimedNotification, links: MailLinks, settings: MailSettings): BookingMailRequest {
  // Users choose no email language yet: English, with dates written their country's way.
  const locale = undefined;
  const bookingLink = links.booking(row.bookingId);
  const consultationLink = row.consultationId ? links.consultation(row.consultationId) : bookingLink;
  const base = (link: string): BookingMailParams => ({
    audience: row.recipientRole,
    recipientName: row.recipientName,
    otherPartyName: row.otherPartyName,
    petName: row.petName,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    timeZone: row.recipientTimeZone,
    country: row.recipientCountry,
    link,
  });
  const refund = row.refundAmount !== null && row.refundCurrency ? { amount: row.refundAmount, currency: row.refundCurrency } : null;
  const method = CALENDAR_METHODS[row.kind];
  const attachments: MailAttachment[] | undefined = method && [calendarAttachment(row, method, bookingNames(base(consultationLink)), consultationLink, settings, locale)];
  const common = { to: row.recipientEmail, locale, attachments, messageKey: `booking-notification.${row.id}` };

  switch (row.kind) {
    case BookingNotificationKind.Requested:
      return { ...common, template: 'booking-requested', params: base(bookingLink) };
    case BookingNotificationKind.Confirmed:
      return { ...common, template: 'booking-confirmed', params: base(consultationLink) };
    case BookingNotificationKind.Declined:
      return { ...common, template: 'booking-declined', params: { ...base(bookingLink), refund } };
    case BookingNotificationKind.Cancelled:
      return { ...common, template: 'booking-cancelled', params: { ...base(bookingLink), refund } };
    case BookingNotificationKind.ClinicSuspended:
      return { ...common, template: 'booking-clinic-suspended', params: { ...base(links.directory()), refund } };
    case BookingNotificationKind.Rescheduled:
      return {
        ...common,
        template: 'booking-rescheduled',
        params: { ...base(consultationLink), previous: row.previousStartsAt && row.previousEndsAt ? { startsAt: row.previousStartsAt, endsAt: row.previousEndsAt } : null },
      };
    case BookingNotificationKind.RefundIssued:
      if (!refund) throw new Error('A refund notice without an amount.');
      return { ...common, template: 'booking-refund-issued', params: { ...base(bookingLink), refund } };
    case BookingNotificationKind.Reminder:
      return { ...common, template: 'booking-reminder', params: { ...base(consultationLink), minutesBefore: row.reminderMinutes ?? 0 } };
  }
}

function calendarAttachment(row: ClaimedNotification, method: CalendarMethod, names: BookingNames, link: string, settings: MailSettings, locale: string | undefined): MailAttachment {
  const { strings } = mailStringsFor(locale);
  const content = buildCalendarFile({
    method,
    uid: calendarUid(row.bookingId, settings.fromDomain),
    sequence: row.icalSequence ?? 0,
    stampedAt: row.createdAt,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    title: strings.booking.calendarTitle(names),
    description: strings.booking.calendarDescription(link),
    url: link,
    organizer: senderAddress(settings.from),
    attendee: row.recipientEmail,
  });
  return { filename: CALENDAR_FILE_NAME, content, contentType: calendarContentType(method) };
}

/** no-reply@vetmeet.example out of "Vetmeet <no-reply@vetmeet.example>". */
function senderAddress(from: string): string {
  return /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from)?.[1] ?? from.trim();
}
