import { bookingTargetFrom, charactersLeftPhrase, emptyBookingForm, toCreateBookingPayload, validateBookingForm } from './booking-form';

describe(bookingTargetFrom.name, () => {
  it('reads the slot’s start and length from the query', () => {
    expect(bookingTargetFrom(new URLSearchParams('start=2026-11-24T12:00:00.000Z&minutes=30'))).toEqual({ startsAt: '2026-11-24T12:00:00.000Z', durationMinutes: 30 });
    expect(bookingTargetFrom(new URLSearchParams('start=2026-11-24T14:00:00%2B02:00&minutes=45'))).toEqual({ startsAt: '2026-11-24T12:00:00.000Z', durationMinutes: 45 });
  });

  it.each(['', 'start=2026-11-24&minutes=30', 'start=tomorrow&minutes=30', 'start=2026-11-24T12:00:00Z', 'start=2026-11-24T12:00:00Z&minutes=half', 'start=2026-11-24T12:00:00Z&minutes=0', 'start=2026-11-24T12:00:00Z&minutes=7.5'])(
    'refuses %j',
    (query) => {
      expect(bookingTargetFrom(new URLSearchParams(query))).toBeNull();
    },
  );
});

describe(validateBookingForm.name, () => {
  it('asks for a pet and a reason', () => {
    expect(validateBookingForm(emptyBookingForm)).toEqual({ petId: expect.any(String), reason: expect.any(String) });
    expect(validateBookingForm({ ...emptyBookingForm, petId: 'p1', reason: '   ', photoIds: [] })).toEqual({ reason: expect.any(String) });
  });

  it('holds the reason and photos to the API’s limits', () => {
    expect(validateBookingForm({ ...emptyBookingForm, petId: 'p1', reason: 'x'.repeat(1000), photoIds: [] })).toEqual({});
    expect(validateBookingForm({ ...emptyBookingForm, petId: 'p1', reason: 'x'.repeat(1001), photoIds: [] })).toEqual({ reason: expect.stringContaining('1000') });
    expect(validateBookingForm({ ...emptyBookingForm, petId: 'p1', reason: 'Limping', photoIds: ['a', 'b', 'c', 'd', 'e', 'f'] })).toEqual({ photoIds: expect.stringContaining('5') });
  });
});

describe(toCreateBookingPayload.name, () => {
  const target = { startsAt: '2026-11-24T12:00:00.000Z', durationMinutes: 30 };

  it('sends the trimmed reason and leaves out photos when none are chosen', () => {
    expect(toCreateBookingPayload('c1', target, { ...emptyBookingForm, petId: 'p1', reason: '  Limping  ' })).toEqual({
      consultantId: 'c1',
      petId: 'p1',
      startsAt: target.startsAt,
      durationMinutes: 30,
      reason: 'Limping',
    });
    const withPhoto = { ...emptyBookingForm, petId: 'p1', reason: 'Limping', photoIds: ['a'] };
    expect(toCreateBookingPayload('c1', target, withPhoto).photoAttachmentIds).toEqual(['a']);
  });

  it('sends only the consents the owner ticked, and none when nothing is ticked', () => {
    const values = { ...emptyBookingForm, petId: 'p1', reason: 'Limping' };
    expect(toCreateBookingPayload('c1', target, values)).not.toHaveProperty('consents');
    const recording = { ...values, consents: { recording: true, supportReview: false } };
    expect(toCreateBookingPayload('c1', target, recording).consents).toEqual({ recording: true });
    const both = { ...values, consents: { recording: true, supportReview: true } };
    expect(toCreateBookingPayload('c1', target, both).consents).toEqual({ recording: true, supportReview: true });
  });
});

describe(charactersLeftPhrase.name, () => {
  it('counts what is left, or how many too many', () => {
    expect(charactersLeftPhrase('', 10)).toBe('10 characters left');
    expect(charactersLeftPhrase('x'.repeat(9), 10)).toBe('1 character left');
    expect(charactersLeftPhrase('x'.repeat(12), 10)).toBe('2 characters too many');
  });
});
