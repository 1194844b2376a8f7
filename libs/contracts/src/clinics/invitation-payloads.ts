/** Staff invitations: a clinic admin invites someone by e-mail to work in the clinic in a role. */

export type StaffRoleValue = 'consultant' | 'support' | 'clinic_admin';

export const STAFF_ROLES: readonly StaffRoleValue[] = ['consultant', 'support', 'clinic_admin'];

export interface CreateInvitationPayload {
  email: string;
  role: StaffRoleValue;
}

export interface InvitationTokenPayload {
  /** The token from the invitation link's `#token=` fragment. */
  token: string;
}

/** A pending invitation as the clinic's admins see it; never its token. */
export interface InvitationView {
  id: string;
  email: string;
  role: StaffRoleValue;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
}

/** What the holder of an invitation link learns before accepting it. */
export interface InvitationPreview {
  clinicName: string;
  role: StaffRoleValue;
  /** The address invited: accepting needs an account with this address. */
  email: string;
  expired: boolean;
}
