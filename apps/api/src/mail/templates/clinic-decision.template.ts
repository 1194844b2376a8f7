import { oneLine, renderLayout } from './layout';
import type { MailTemplate } from './rendered-mail';

export interface ClinicDecisionParams {
  /** Written by the applicant: rendered as text, kept to one line. */
  clinicName: string;
  decision: 'approved' | 'refused';
  /** The operator's reason for a refusal: text, shown as a detail. */
  reason?: string | null;
  /** From MailLinks.clinicApplication(). */
  link: string;
}

const CLINIC_NAME_MAX = 120;

/** Tells the applicant what a platform operator decided about their clinic. */
export const clinicDecision: MailTemplate<ClinicDecisionParams> = ({ clinicName, decision, reason, link }, context) => {
  const strings = context.strings.clinicDecision;
  const clinic = oneLine(clinicName).slice(0, CLINIC_NAME_MAX);
  return renderLayout(
    {
      subject: strings.subject[decision](clinic),
      heading: strings.heading[decision],
      paragraphs: [strings.body[decision](clinic)],
      details: [
        { label: strings.clinicLabel, value: clinic },
        ...(reason ? [{ label: strings.reasonLabel, value: reason }] : []),
      ],
      action: { label: strings.action[decision], url: link },
    },
    context,
  );
};
