import { ErrorCode } from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import { explainBookingActionError, fullRefundSentence, isStaleBookingError } from './booking-actions';

const error = (code: ErrorCode) => new ApiError(code, 'server words', 409);

describe(explainBookingActionError.name, () => {
  it('explains a request that changed meanwhile, and says what the server said of a refused cancel or move', () => {
    expect(explainBookingActionError(error(ErrorCode.BookingState), 'accept')).toMatch(/can no longer be answered/);
    const ended = new ApiError(ErrorCode.ConsultationState, 'The consultation of this booking has ended.', 409);
    for (const action of ['cancel', 'reschedule'] as const) {
      expect(explainBookingActionError(error(ErrorCode.BookingState), action)).toBe('server words');
      expect(explainBookingActionError(ended, action)).toBe(ended.message);
      expect(explainBookingActionError(ended, action)).not.toMatch(/calendar was updated/);
    }
  });

  it('tells a taken slot from one that is closed', () => {
    expect(explainBookingActionError(error(ErrorCode.SlotTaken), 'reschedule')).toMatch(/just taken/);
    expect(explainBookingActionError(error(ErrorCode.SlotUnavailable), 'reschedule')).toMatch(/not open any more/);
  });

  it('falls back to the usual sentence for the code', () => {
    expect(explainBookingActionError(error(ErrorCode.ServiceUnavailable), 'decline')).toMatch(/cannot be reached/);
    expect(explainBookingActionError(new Error('x'), 'decline')).toMatch(/Reload/);
  });
});

describe(isStaleBookingError.name, () => {
  it('asks for a reload when the booking changed or went', () => {
    expect(isStaleBookingError(error(ErrorCode.BookingState))).toBe(true);
    expect(isStaleBookingError(error(ErrorCode.NotFound))).toBe(true);
    expect(isStaleBookingError(error(ErrorCode.ConsultationState))).toBe(true);
    expect(isStaleBookingError(error(ErrorCode.SlotTaken))).toBe(false);
  });
});

describe(fullRefundSentence.name, () => {
  it('names the amount the owner gets back, or that nothing was paid', () => {
    const owner = { id: 'o', displayName: 'Olena', country: 'UA', timeZone: 'Europe/Kyiv' };
    expect(fullRefundSentence({ owner, price: { amount: 4550, currency: 'EUR' } })).toBe('Olena is refunded in full (€45.50).');
    expect(fullRefundSentence({ owner, price: { amount: 0, currency: 'EUR' } })).toBe('It was free, so there is nothing to refund.');
  });
});
