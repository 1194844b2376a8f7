import {
  emptyClinicApplication,
  toClinicApplicationPayload,
  validateClinicApplication,
} from './clinic-application-form';

const filled = {
  ...emptyClinicApplication({
    country: 'UA',
    timeZone: 'Europe/Kyiv',
    contactName: 'Iryna',
    contactEmail: 'iryna@example.org',
  }),
  name: ' Happy Paws ',
  legalEntity: 'Happy Paws LLC',
};

describe('the clinic application form', () => {
  it('names every field the browser can tell is missing or malformed', () => {
    const wrong = { name: ' ', legalEntity: '', country: '', contactEmail: 'nope', contactPhone: 'call me' };
    const problems = validateClinicApplication({ ...filled, ...wrong });
    expect(Object.keys(problems).sort()).toEqual(['contactEmail', 'contactPhone', 'country', 'legalEntity', 'name']);
    expect(validateClinicApplication(filled)).toEqual({});
  });

  it('sends trimmed values and leaves out a phone nobody gave', () => {
    expect(toClinicApplicationPayload(filled)).toEqual({
      name: 'Happy Paws',
      legalEntity: 'Happy Paws LLC',
      country: 'UA',
      timeZone: 'Europe/Kyiv',
      contactName: 'Iryna',
      contactEmail: 'iryna@example.org',
    });
    const withPhone = toClinicApplicationPayload({ ...filled, contactPhone: ' +380 44 123 4567 ' });
    expect(withPhone.contactPhone).toBe('+380 44 123 4567');
  });
});
