import type { ClinicPaymentAccountView, PaymentAccountOnboardingLink } from '@vetmeet/contracts/client';
import { api } from './client';

const accountPath = (clinicId: string) => `/clinics/${encodeURIComponent(clinicId)}/payment-account`;

/** Clinic admins only: the clinic's Stripe account for payouts, as Vetmeet last heard from Stripe. */
export const fetchPaymentAccount = (clinicId: string, signal?: AbortSignal) =>
  api.get<ClinicPaymentAccountView>(accountPath(clinicId), { clinicId, signal });

/** Creates the clinic's Stripe account the first time; answers a single-use link to Stripe's onboarding. */
export const startPayoutOnboarding = (clinicId: string) =>
  api.post<PaymentAccountOnboardingLink>(`${accountPath(clinicId)}/onboarding-link`, {}, { clinicId });

/** Asks Stripe for the account's status now (back from onboarding). */
export const refreshPaymentAccount = (clinicId: string) =>
  api.post<ClinicPaymentAccountView>(`${accountPath(clinicId)}/refresh`, {}, { clinicId });
