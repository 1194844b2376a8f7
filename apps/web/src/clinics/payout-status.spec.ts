import type { ClinicPaymentAccountView } from '@vetmeet/contracts/client';
import { disabledReasonLabel, feeSentence, payoutStanding, requirementLabels } from './payout-status';

const account = (overrides: Partial<ClinicPaymentAccountView> = {}): ClinicPaymentAccountView => ({
  mode: 'stripe',
  connected: true,
  chargesEnabled: true,
  payoutsEnabled: true,
  detailsSubmitted: true,
  requirementsDue: [],
  disabledReason: null,
  takesPaidBookings: true,
  platformFeePercent: 0,
  statusUpdatedAt: null,
  ...overrides,
});

describe(payoutStanding.name, () => {
  it('says what stops paid bookings, and that all is well when nothing does', () => {
    expect(payoutStanding(account({ connected: false, chargesEnabled: false })).headline).toMatch(/^Not connected/);
    expect(payoutStanding(account({ chargesEnabled: false, detailsSubmitted: false }))).toMatchObject({
      tone: 'action',
      detail: expect.stringMatching(/not finished/),
    });
    expect(payoutStanding(account({ payoutsEnabled: false })).headline).toMatch(/holds the payouts/);
    expect(payoutStanding(account())).toMatchObject({ tone: 'ok' });
    expect(payoutStanding(account({ mode: 'local_test', connected: false })).tone).toBe('info');
  });
});

describe(requirementLabels.name, () => {
  it('words the common requirements once each and keeps unknown ones as Stripe names them', () => {
    expect(requirementLabels(['tos_acceptance.date', 'tos_acceptance.ip', 'external_account', 'person_x.dob'])).toEqual(
      ['Accepting Stripe’s terms of service', 'A bank account for payouts', 'person_x.dob'],
    );
  });
});

describe('other sentences', () => {
  it('words a disabled reason and the fee', () => {
    expect(disabledReasonLabel(null)).toBeNull();
    expect(disabledReasonLabel('requirements.past_due')).toMatch(/waiting for the details/);
    expect(feeSentence(7.5)).toContain('7.5 %');
    expect(feeSentence(0)).toContain('no fee');
  });
});
