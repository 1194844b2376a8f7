/** A staff member's role in a clinic, as stored on a clinic membership. */
export type StaffRoleName = 'consultant' | 'support' | 'clinic_admin';

/** Who a booking email is for: the pet's owner or the consultant. */
export type BookingAudience = 'owner' | 'consultant';

/** What a booking email says to one side, given the other side's name and the pet's. */
interface BookingNoticeStrings {
  subject: (names: BookingNames) => string;
  heading: string;
  body: (names: BookingNames) => string;
  action: string;
}

/** The names a booking email may show: the other participant's display name and the pet's name, nothing else. */
export interface BookingNames {
  other: string;
  pet: string;
}

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
  consultationInvitation: {
    subject: (names: BookingNames) => string;
    heading: string;
    body: (names: BookingNames, clinicName: string) => string;
    action: string;
    /** What accepting shares, and what to do about an invitation one did not expect. */
    notes: string[];
  };
  passwordChanged: {
    subject: string;
    heading: string;
    body: (when: string) => string;
    notYou: string;
    action: string;
  };
  clinicDecision: {
    subject: Record<'approved' | 'refused', (clinicName: string) => string>;
    heading: Record<'approved' | 'refused', string>;
    body: Record<'approved' | 'refused', (clinicName: string) => string>;
    clinicLabel: string;
    reasonLabel: string;
    action: Record<'approved' | 'refused', string>;
  };
  booking: {
    greeting: (name: string) => string;
    /**
     * A time range in the reader's zone, e.g. "Tuesday, 24 November 2026, 15:00–15:30 GMT+2", with the
     * zone's name (Europe/Kyiv) added; null when the range's own abbreviation already names it (UTC).
     */
    when: (range: string, timeZone: string | null) => string;
    whenLabel: string;
    previousWhenLabel: string;
    petLabel: string;
    /** What the reader calls the other participant: "Consultant" for an owner, "Pet owner" for a consultant. */
    otherLabel: Record<BookingAudience, string>;
    refundLabel: string;
    /** The calendar file's title and description: the same names the email shows. */
    calendarTitle: (names: BookingNames) => string;
    calendarDescription: (link: string) => string;
    calendarNote: string;
    requested: Record<BookingAudience, BookingNoticeStrings>;
    confirmed: Record<BookingAudience, BookingNoticeStrings>;
    declined: Record<BookingAudience, BookingNoticeStrings & { refund: (amount: string) => string }>;
    cancelled: Record<BookingAudience, BookingNoticeStrings & { refund: (amount: string) => string; noRefund: string }>;
    rescheduled: Record<BookingAudience, BookingNoticeStrings>;
    /** To the owner only: the clinic was suspended on the platform. */
    clinicSuspended: BookingNoticeStrings & { refund: (amount: string) => string; bookAnother: string };
    refundIssued: Record<BookingAudience, Omit<BookingNoticeStrings, 'subject' | 'body'> & { subject: (amount: string) => string; body: (amount: string, names: BookingNames) => string }>;
    reminder: Record<BookingAudience, Omit<BookingNoticeStrings, 'subject' | 'heading'> & { subject: (startsIn: string) => string; heading: (startsIn: string) => string }>;
    /** "24 hours", "15 minutes", "2 days", "1 hour 30 minutes". */
    startsIn: (minutes: number) => string;
  };
}
