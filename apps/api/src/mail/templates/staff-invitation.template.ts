import { oneLine, renderLayout } from './layout';
import type { StaffRoleName } from './locales';
import type { MailTemplate } from './rendered-mail';

export interface StaffInvitationParams {
  /** Chosen by a clinic admin: rendered as text, never as markup, and kept to one line. */
  clinicName: string;
  role: StaffRoleName;
  /** From MailLinks.staffInvitation(token). */
  link: string;
  expiresInDays: number;
}

const CLINIC_NAME_MAX = 120;

export const staffInvitation: MailTemplate<StaffInvitationParams> = ({ clinicName, role, link, expiresInDays }, context) => {
  const strings = context.strings.staffInvitation;
  // A clinic name is the one value here that someone else wrote: one line, bounded, so it
  // cannot pose as paragraphs or links of our own in the text part.
  const clinic = oneLine(clinicName).slice(0, CLINIC_NAME_MAX);
  const roleName = strings.roles[role];
  return renderLayout(
    {
      subject: strings.subject(clinic),
      heading: strings.heading(clinic),
      paragraphs: [strings.body(clinic, roleName)],
      details: [
        { label: strings.clinicLabel, value: clinic },
        { label: strings.roleLabel, value: roleName },
      ],
      action: { label: strings.action, url: link },
      notes: [strings.expires(expiresInDays), strings.notYou],
    },
    context,
  );
};
