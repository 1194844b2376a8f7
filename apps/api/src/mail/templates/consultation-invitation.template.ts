import { bookingNames, renderBookingMail, type BookingMailParams } from './booking-mail';
import { oneLine } from './layout';
import type { MailTemplate } from './rendered-mail';

/** To the owner, about an on-demand consultation a consultant asks for: the link opens its page with Accept and Decline. */
export interface ConsultationInvitationParams extends Omit<BookingMailParams, 'audience'> {
  /** Chosen by a clinic admin: one line, bounded, like every name someone else wrote. */
  clinicName: string;
}

const CLINIC_NAME_MAX = 120;

export const consultationInvitation: MailTemplate<ConsultationInvitationParams> = (params, context) => {
  const strings = context.strings.consultationInvitation;
  const mail: BookingMailParams = { ...params, audience: 'owner' };
  const names = bookingNames(mail);
  const clinic = oneLine(params.clinicName).slice(0, CLINIC_NAME_MAX);
  const parts = { subject: strings.subject(names), heading: strings.heading, paragraphs: [strings.body(names, clinic)], action: strings.action };
  return renderBookingMail(mail, { ...parts, notes: strings.notes }, context);
};
