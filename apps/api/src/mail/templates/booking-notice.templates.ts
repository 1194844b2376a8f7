import { bookingNames, formatMoney, renderBookingMail, type BookingMailParams, type MailMoney } from './booking-mail';
import type { MailTemplate } from './rendered-mail';

/**
 * The emails of a booking's life, one template each, for the owner or the consultant
 * (`audience`). Confirmations, reschedules and cancellations carry a calendar file, added
 * by the sender as an attachment; the note under the button says so.
 */
export type BookingRequestedParams = BookingMailParams;
export type BookingConfirmedParams = BookingMailParams;
export interface BookingDeclinedParams extends BookingMailParams {
  /** What is refunded in full; null when nothing was paid. */
  refund: MailMoney | null;
}
export interface BookingCancelledParams extends BookingMailParams {
  /** What the cancellation policy refunds; null when no refund follows. */
  refund: MailMoney | null;
}
export interface BookingClinicSuspendedParams extends BookingMailParams {
  /** What is refunded in full; null when nothing was paid. The link is the directory of vets. */
  refund: MailMoney | null;
}
export interface BookingRescheduledParams extends BookingMailParams {
  /** The time it replaced; null when unknown (then only the new time is shown). */
  previous: { startsAt: Date; endsAt: Date } | null;
}
export interface BookingRefundIssuedParams extends BookingMailParams {
  refund: MailMoney;
}
export interface BookingReminderParams extends BookingMailParams {
  /** The reminder's offset (BOOKING_REMINDER_MINUTES): "starts in 24 hours", "in 15 minutes". */
  minutesBefore: number;
}

export const bookingRequested: MailTemplate<BookingRequestedParams> = (params, context) => {
  const strings = context.strings.booking.requested[params.audience];
  const names = bookingNames(params);
  return renderBookingMail(params, { subject: strings.subject(names), heading: strings.heading, paragraphs: [strings.body(names)], action: strings.action }, context);
};

export const bookingConfirmed: MailTemplate<BookingConfirmedParams> = (params, context) => {
  const strings = context.strings.booking.confirmed[params.audience];
  const names = bookingNames(params);
  return renderBookingMail(
    params,
    { subject: strings.subject(names), heading: strings.heading, paragraphs: [strings.body(names)], action: strings.action, notes: [context.strings.booking.calendarNote] },
    context,
  );
};

export const bookingDeclined: MailTemplate<BookingDeclinedParams> = (params, context) => {
  const strings = context.strings.booking.declined[params.audience];
  const names = bookingNames(params);
  const refund = params.refund && params.refund.amount > 0 ? formatMoney(params.refund, context.locale, params.country) : undefined;
  return renderBookingMail(
    params,
    { subject: strings.subject(names), heading: strings.heading, paragraphs: [strings.body(names), ...(refund ? [strings.refund(refund)] : [])], action: strings.action, refund },
    context,
  );
};

export const bookingCancelled: MailTemplate<BookingCancelledParams> = (params, context) => {
  const strings = context.strings.booking.cancelled[params.audience];
  const names = bookingNames(params);
  const refund = params.refund && params.refund.amount > 0 ? formatMoney(params.refund, context.locale, params.country) : undefined;
  return renderBookingMail(
    params,
    {
      subject: strings.subject(names),
      heading: strings.heading,
      paragraphs: [strings.body(names), refund ? strings.refund(refund) : strings.noRefund],
      action: strings.action,
      refund,
      notes: [context.strings.booking.calendarNote],
    },
    context,
  );
};

export const bookingRescheduled: MailTemplate<BookingRescheduledParams> = (params, context) => {
  const strings = context.strings.booking.rescheduled[params.audience];
  const names = bookingNames(params);
  return renderBookingMail(
    params,
    {
      subject: strings.subject(names),
      heading: strings.heading,
      paragraphs: [strings.body(names)],
      action: strings.action,
      previous: params.previous ?? undefined,
      notes: [context.strings.booking.calendarNote],
    },
    context,
  );
};

export const bookingRefundIssued: MailTemplate<BookingRefundIssuedParams> = (params, context) => {
  const strings = context.strings.booking.refundIssued[params.audience];
  const amount = formatMoney(params.refund, context.locale, params.country);
  return renderBookingMail(
    params,
    { subject: strings.subject(amount), heading: strings.heading, paragraphs: [strings.body(amount, bookingNames(params))], action: strings.action, refund: amount },
    context,
  );
};

export const bookingReminder: MailTemplate<BookingReminderParams> = (params, context) => {
  const strings = context.strings.booking.reminder[params.audience];
  const startsIn = context.strings.booking.startsIn(params.minutesBefore);
  return renderBookingMail(
    params,
    { subject: strings.subject(startsIn), heading: strings.heading(startsIn), paragraphs: [strings.body(bookingNames(params))], action: strings.action },
    context,
  );
};

/** The owner's notice that the platform suspended the clinic: it cannot hold the consultation. */
export const bookingClinicSuspended: MailTemplate<BookingClinicSuspendedParams> = (params, context) => {
  const strings = context.strings.booking.clinicSuspended;
  const names = bookingNames(params);
  const paid = params.refund && params.refund.amount > 0 ? params.refund : null;
  const refund = paid ? formatMoney(paid, context.locale, params.country) : undefined;
  const paragraphs = [strings.body(names), ...(refund ? [strings.refund(refund)] : []), strings.bookAnother];
  return renderBookingMail(
    params,
    { subject: strings.subject(names), heading: strings.heading, paragraphs, action: strings.action, refund },
    context,
  );
};
