import type { PaymentModeValue } from './payment-payloads';

/** A clinic's Stripe account for payouts, as its clinic admins see it. */
export interface ClinicPaymentAccountView {
  /** local_test: no Stripe at all; the clinic counts as able to take (test) charges. */
  mode: PaymentModeValue;
  /** A connected Stripe account exists for the clinic (onboarding may still be unfinished). */
  connected: boolean;
  chargesEnabled: boolean;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
  /** Stripe's names of what is due now (e.g. "external_account", "individual.dob"). */
  requirementsDue: string[];
  /** Why Stripe disabled the account (e.g. "requirements.past_due"), or null. */
  disabledReason: string | null;
  /** Whether the clinic's consultants take paid bookings now. */
  takesPaidBookings: boolean;
  /** The platform's fee held back from each booking's price, in percent. */
  platformFeePercent: number;
  /** When Stripe's status was last taken in, or null before it ever was. */
  statusUpdatedAt: string | null;
}

/** Where to send the clinic admin to enter the clinic's details at Stripe; single use, expires soon. */
export interface PaymentAccountOnboardingLink {
  url: string;
  expiresAt: string;
}
