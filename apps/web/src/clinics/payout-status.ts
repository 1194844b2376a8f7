import type { ClinicPaymentAccountView } from '@vetmeet/contracts/client';

/** Where the clinic stands, in one sentence for its admin, and whether that is fine (ok) or needs them (action). */
export interface PayoutStanding {
  tone: 'ok' | 'action' | 'info';
  headline: string;
  detail: string;
}

export function payoutStanding(account: ClinicPaymentAccountView): PayoutStanding {
  if (account.mode === 'local_test') {
    return {
      tone: 'info',
      headline: 'Local test payments: no Stripe account is needed.',
      detail:
        'This server runs without Stripe. Owners pay with a test confirmation and no money moves, so your ' +
        'consultants take bookings as they are.',
    };
  }
  if (!account.connected) {
    return {
      tone: 'action',
      headline: 'Not connected: your consultants cannot take paid bookings yet.',
      detail:
        'Connect the clinic’s own Stripe account. Stripe asks for the clinic’s details and a bank account to ' +
        'pay out to.',
    };
  }
  if (!account.chargesEnabled) {
    return {
      tone: 'action',
      headline: 'Stripe cannot take payments for the clinic yet: your consultants cannot take paid bookings.',
      detail: account.detailsSubmitted
        ? 'Stripe is checking the details, or needs more of them (below).'
        : 'Onboarding at Stripe is not finished. Continue it to give Stripe what it still needs (below).',
    };
  }
  if (!account.payoutsEnabled) {
    return {
      tone: 'action',
      headline: 'Bookings are paid, but Stripe holds the payouts for now.',
      detail: 'Owners can book and pay. Stripe pays out to the clinic’s bank once it has what it needs (below).',
    };
  }
  return {
    tone: 'ok',
    headline: 'Connected: bookings are paid to the clinic’s Stripe account.',
    detail: 'Owners pay when they book, and Stripe pays out to the clinic’s bank account.',
  };
}

/** Words for the requirements Stripe names most often; anything else is shown as Stripe names it. */
const REQUIREMENT_WORDS: Record<string, string> = {
  business_type: 'The kind of business the clinic is',
  external_account: 'A bank account for payouts',
  'tos_acceptance.date': 'Accepting Stripe’s terms of service',
  'tos_acceptance.ip': 'Accepting Stripe’s terms of service',
  'business_profile.url': 'The clinic’s website',
  'business_profile.mcc': 'The clinic’s industry',
  'individual.verification.document': 'An identity document of the account’s representative',
  'company.tax_id': 'The clinic’s tax ID',
};

/** What is due, in words, each once. */
export function requirementLabels(due: readonly string[]): string[] {
  return [...new Set(due.map((name) => REQUIREMENT_WORDS[name] ?? name))];
}

/** Why Stripe disabled the account, in words; null when it is not disabled. */
export function disabledReasonLabel(reason: string | null): string | null {
  if (!reason) return null;
  if (reason.startsWith('requirements.')) return 'Stripe is waiting for the details listed here.';
  if (reason.startsWith('rejected.')) return 'Stripe rejected the account. Contact Stripe support.';
  if (reason === 'under_review') return 'Stripe is reviewing the account.';
  return `Stripe paused the account (${reason}).`;
}

/** The fee line: "Vetmeet keeps 7.5 % of each booking's price." */
export function feeSentence(percent: number): string {
  if (percent === 0)
    return 'Vetmeet keeps no fee: the whole price of each booking goes to the clinic (less Stripe’s own fees).';
  const kept = `Vetmeet keeps ${percent.toLocaleString('en')} % of each booking’s price`;
  return `${kept}; the rest goes to the clinic (less Stripe’s own fees).`;
}
