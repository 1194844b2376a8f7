import { Injectable } from '@nestjs/common';
import { MailSettings } from './mail-settings';

/**
 * The links emails carry, all under PUBLIC_URL, so a link can only ever point at our own
 * web client. Tokens travel in the fragment (`#token=…`): browsers never send a fragment to
 * a server, so a token stays out of access logs, proxies and Referer headers; the web page
 * reads it and posts it to the API.
 */
@Injectable()
export class MailLinks {
  constructor(private readonly settings: MailSettings) {}

  verifyEmail(token: string): string {
    return this.withToken('/verify-email', token);
  }

  resetPassword(token: string): string {
    return this.withToken('/reset-password', token);
  }

  staffInvitation(token: string): string {
    return this.withToken('/invitations/accept', token);
  }

  /** A consultation's page, where both participants join its room: booking emails and calendar files point here. */
  consultation(consultationId: string): string {
    return `${this.settings.publicUrl}/consultations/${encodeURIComponent(consultationId)}`;
  }

  /** One booking's page, for its owner and its consultant: booking emails without a consultation (yet) point here. */
  booking(bookingId: string): string {
    return `${this.settings.publicUrl}/bookings/${encodeURIComponent(bookingId)}`;
  }

  /** The directory of vets: the notice of a suspended clinic's cancelled booking points here. */
  directory(): string {
    return `${this.settings.publicUrl}/consultants`;
  }

  /** The applicant's page of their clinic application: the decision emails point here. */
  clinicApplication(): string {
    return `${this.settings.publicUrl}/clinic-application`;
  }

  /** Where a person starts a password reset: the security notice points here. */
  forgotPassword(): string {
    return `${this.settings.publicUrl}/forgot-password`;
  }

  private withToken(path: string, token: string): string {
    return `${this.settings.publicUrl}${path}#token=${encodeURIComponent(token)}`;
  }
}
