import type { MembershipView } from '@vetmeet/contracts/client';

export type ClinicRole = MembershipView['role'];

export const roleLabels: Record<ClinicRole, string> = {
  consultant: 'Consultant',
  support: 'Support staff',
  clinic_admin: 'Clinic administrator',
};

export interface StaffClinic {
  clinicId: string;
  name: string;
  roles: ClinicRole[];
}

/** One entry per clinic, with every role the person has there, in the order the session lists them. */
export function clinicsOf(memberships: readonly MembershipView[]): StaffClinic[] {
  const byClinic = new Map<string, StaffClinic>();
  for (const membership of memberships) {
    const clinic = byClinic.get(membership.clinicId) ?? { clinicId: membership.clinicId, name: membership.clinicName, roles: [] };
    if (!clinic.roles.includes(membership.role)) clinic.roles.push(membership.role);
    byClinic.set(membership.clinicId, clinic);
  }
  return [...byClinic.values()];
}

export const clinicPath = (clinicId: string) => `/clinics/${encodeURIComponent(clinicId)}`;
