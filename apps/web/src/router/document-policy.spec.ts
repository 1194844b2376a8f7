import { needsPageLoad } from './document-policy';

describe('needsPageLoad', () => {
  it('loads the payment page from the server when coming from another page, and the other way round', () => {
    expect(needsPageLoad('/consultants/c1/book', '/bookings/b1/pay')).toBe(true);
    expect(needsPageLoad('/bookings/b1', '/bookings/b1/pay?retry=1')).toBe(true);
    expect(needsPageLoad('/bookings/b1/pay', '/bookings/b1')).toBe(true);
    expect(needsPageLoad('/bookings/b1/pay', '/bookings')).toBe(true);
  });

  it('navigates in place between pages of the same policy', () => {
    expect(needsPageLoad('/', '/bookings/b1')).toBe(false);
    expect(needsPageLoad('/bookings/b1/pay', '/bookings/b2/pay')).toBe(false);
    expect(needsPageLoad('/pets', '/bookings/pay')).toBe(false);
  });
});
