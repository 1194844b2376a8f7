import type { ClinicApplicationView, ClinicDecisionView } from '@vetmeet/contracts/client';
import { decisionMessage } from './decision-message';

const clinic = { name: 'Happy Paws', status: 'suspended' } as ClinicApplicationView;
const suspension = (bookingsToCancel: number): ClinicDecisionView => ({
  clinic,
  applicantNotified: null,
  bookingsToCancel,
});

describe(decisionMessage.name, () => {
  it('counts the cancelled bookings in words that agree with the number', () => {
    expect(decisionMessage(suspension(0))).toBe('Happy Paws is now suspended.');
    expect(decisionMessage(suspension(1))).toBe(
      'Happy Paws is now suspended. One upcoming booking is being cancelled and its owner refunded in full.',
    );
    expect(decisionMessage(suspension(3))).toBe(
      'Happy Paws is now suspended. 3 upcoming bookings are being cancelled and their owners refunded in full.',
    );
  });

  it('says when the applicant could not be e-mailed', () => {
    const approved = { ...clinic, status: 'approved' as const };
    const approval = { clinic: approved, applicantNotified: false, bookingsToCancel: 0 };
    expect(decisionMessage(approval)).toBe('Happy Paws is now approved. The email to the applicant could not be sent.');
  });
});
