/** A staff member's role in a clinic, as stored on a clinic membership. */
export type StaffRoleName = 'consultant' | 'support' | 'clinic_admin';

/**
 * Every sentence the emails say, for one language. A locale is one object of this shape, so
 * a missing or misnamed sentence is a compile error, not a blank in someone's inbox. Values
 * are plain text: the layout escapes them for HTML.
 */
export interface MailStrings {
  layout: {
    /** Above the link repeated under the button, for mail clients that hide buttons. */
    linkFallback: string;
    signature: string;
    footer: string;
  };
  verifyEmail: {
    subject: string;
    heading: string;
    body: string;
    action: string;
    expires: (hours: number) => string;
    notYou: string;
  };
  resetPassword: {
    subject: string;
    heading: string;
    body: string;
    action: string;
    expires: (minutes: number) => string;
    notYou: string;
  };
  staffInvitation: {
    subject: (clinicName: string) => string;
    heading: (clinicName: string) => string;
    body: (clinicName: string, role: string) => string;
    clinicLabel: string;
    roleLabel: string;
    roles: Record<StaffRoleName, string>;
    action: string;
    expires: (days: number) => string;
    notYou: string;
  };
  passwordChanged: {
    subject: string;
    heading: string;
    body: (when: string) => string;
    notYou: string;
    action: string;
  };
}
