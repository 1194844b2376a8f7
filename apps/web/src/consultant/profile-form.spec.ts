import { ErrorCode, type ConsultantOwnProfileView } from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import {
  emptyProfile,
  explainProfileError,
  offeringField,
  parseCodes,
  parseLanguages,
  profileFieldOf,
  profileValuesOf,
  toProfilePayload,
  validateProfile,
  type ProfileValues,
} from './profile-form';

const view: ConsultantOwnProfileView = {
  id: 'v',
  clinicId: 'c',
  displayName: 'Dr Vet',
  specialties: ['dermatology', 'behaviour'],
  species: ['dog', 'cat'],
  languages: ['en', 'uk'],
  bio: 'Twenty years with small animals.',
  timeZone: 'Europe/Kyiv',
  priceCurrency: 'EUR',
  offerings: [
    { durationMinutes: 60, priceAmount: 8000 },
    { durationMinutes: 30, priceAmount: 4550 },
  ],
  autoAccept: false,
  published: true,
  complete: true,
  photoUrl: null,
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
};

describe('the profile form', () => {
  it('sends back what it was given', () => {
    const values = profileValuesOf(view);
    expect(values.offerings.map(({ durationMinutes, price }) => [durationMinutes, price])).toEqual([
      ['30', '45.50'],
      ['60', '80.00'],
    ]);
    expect(validateProfile(values)).toEqual({});
    const { id: _id, clinicId: _clinic, complete: _complete, photoUrl: _photo, createdAt: _created, updatedAt: _updated, ...payload } = view;
    expect(toProfilePayload(values)).toEqual({ ...payload, offerings: [...view.offerings].reverse() });
  });

  it('makes codes and language tags of what is typed', () => {
    expect(parseCodes('Dermatology, exotic pets,, dog, Dog')).toEqual(['dermatology', 'exotic-pets', 'dog']);
    expect(parseLanguages('EN; pt-br, uk')).toEqual(['en', 'pt-BR', 'uk']);
  });

  it('names the list entries the API would refuse', () => {
    const values: ProfileValues = { ...profileValuesOf(view), specialties: 'dermatology, 3d-imaging', languages: 'en, English' };
    const problems = validateProfile(values);
    expect(problems.specialties).toContain('“3d-imaging” is not');
    expect(problems.languages).toContain('“english” is not');
  });

  it('checks each offering: a length once, within limits, and a price the currency can hold', () => {
    const values: ProfileValues = {
      ...profileValuesOf(view),
      offerings: [
        { key: 'a', durationMinutes: '30', price: '45' },
        { key: 'b', durationMinutes: '30', price: '50' },
        { key: 'c', durationMinutes: '2', price: '45.555' },
      ],
    };
    expect(validateProfile(values)).toEqual({
      [offeringField(1, 'durationMinutes')]: '30 minutes is offered twice: keep one price for it.',
      [offeringField(2, 'durationMinutes')]: 'Enter a length from 5 to 180 minutes.',
      [offeringField(2, 'price')]: 'Enter the price of 2 minutes in EUR, e.g. 45.00 (0 for free).',
    });
  });

  it('asks for a currency Stripe charges in and a price it can charge, or 0 for free', () => {
    const offerings = [
      { key: 'a', durationMinutes: '15', price: '0.40' },
      { key: 'b', durationMinutes: '30', price: '0' },
    ];
    expect(validateProfile({ ...profileValuesOf(view), offerings })).toEqual({
      [offeringField(0, 'price')]: 'The price must be at least 0.50 EUR, the least Stripe charges (0 makes it free).',
    });
    expect(validateProfile({ ...profileValuesOf(view), priceCurrency: 'XXX' }).priceCurrency).toBe('Choose the currency of your prices from the list.');
  });

  it('asks for a name, a real zone and an offering before publishing', () => {
    const values: ProfileValues = { ...emptyProfile('  ', 'Mars/Olympus'), offerings: [], published: true };
    expect(validateProfile(values)).toEqual({
      displayName: 'Enter the name owners see.',
      timeZone: 'Choose your time zone from the list.',
      published: 'Add a consultation length with a price before publishing.',
    });
  });
});

describe(profileFieldOf.name, () => {
  it('maps the server’s field names to the form’s', () => {
    expect(profileFieldOf('offerings.1.priceAmount')).toBe(offeringField(1, 'price'));
    expect(profileFieldOf('offerings[0].durationMinutes')).toBe(offeringField(0, 'durationMinutes'));
    expect(profileFieldOf('languages')).toBe('languages');
    expect(profileFieldOf('createdAt')).toBeUndefined();
  });
});

describe(explainProfileError.name, () => {
  it('says why publishing was refused', () => {
    expect(explainProfileError(new ApiError(ErrorCode.ConsultantProfileIncomplete, 'incomplete', 422))).toMatch(/^Nothing was saved: your profile cannot be published yet\./);
    expect(explainProfileError(new ApiError(ErrorCode.ValidationFailed, 'bad', 400))).toBeUndefined();
  });
});
