import type { StaffRole } from '../auth/actor';

/**
 * What a person may do inside a clinic. Roles grant permissions here and nowhere else;
 * services ask AccessPolicy for a permission, never for a role. Owners act on their own
 * account and pets, which row-level security already limits to them.
 */
export enum Permission {
  StaffInvite = 'staff:invite',
  StaffList = 'staff:list',
  AuditRead = 'audit:read',
  AuditExport = 'audit:export',
  /** Schedule an on-demand consultation with a registered owner, as its consultant. */
  ConsultationCreate = 'consultation:create',
  /** Keep one's own consultant profile, availability and time off in this clinic. */
  ConsultantProfileManage = 'consultant_profile:manage',
  /** See that the clinic's recordings exist: size, dates, retention date; never their media. */
  RecordingList = 'recording:list',
  /** Open a review of a recording whose owner consented to support review, and play it while the grant runs. */
  RecordingReview = 'recording:review',
  /** Connect the clinic's Stripe account for payouts and see its status. */
  PaymentAccountManage = 'payment_account:manage',
  /** Configure the clinic's single sign-on: its OpenID Connect provider, e-mail domains, just-in-time membership. */
  SsoManage = 'sso:manage',
  /** Keep the clinic's profile: name, address, logo, default currency, time zone, what the directory shows. */
  ClinicProfileManage = 'clinic_profile:manage',
}

export const PERMISSIONS_OF_ROLE: Record<StaffRole, readonly Permission[]> = {
  clinic_admin: [
    Permission.StaffInvite,
    Permission.StaffList,
    Permission.AuditRead,
    Permission.AuditExport,
    Permission.RecordingList,
    Permission.PaymentAccountManage,
    Permission.SsoManage,
    Permission.ClinicProfileManage,
  ],
  consultant: [Permission.ConsultationCreate, Permission.ConsultantProfileManage],
  support: [Permission.RecordingReview],
};
