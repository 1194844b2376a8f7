import type { ClinicDirectoryView } from '@vetmeet/contracts/client';
import { emptyProfile } from './profile-form';
import { previewOf } from './publication-preview';

const clinic: ClinicDirectoryView = {
  id: 'c', name: 'Clinic', logoUrl: null, city: 'Berlin', country: 'DE', streetLines: null, postcode: null,
};

describe(previewOf.name, () => {
  it("shows what the directory would: codes as saved, the clinic's currency, half-typed lengths left out", () => {
    const values = {
      ...emptyProfile('  Dr. Vet ', 'Europe/Berlin', 'CHF'),
      specialties: 'Exotic pets, dermatology',
      languages: 'DE, en',
      offerings: [
        { key: 'a', durationMinutes: '45', price: '60' },
        { key: 'b', durationMinutes: '30', price: '' },
        { key: 'c', durationMinutes: '4', price: '10' },
        { key: 'd', durationMinutes: '15', price: '0' },
      ],
    };
    const preview = previewOf(values, { id: 'v', clinic, photoUrl: null });
    expect(preview).toMatchObject({
      id: 'v',
      displayName: 'Dr. Vet',
      clinic,
      specialties: ['exotic-pets', 'dermatology'],
      languages: ['de', 'en'],
      offerings: [
        { durationMinutes: 15, priceAmount: 0, priceCurrency: 'CHF' },
        { durationMinutes: 45, priceAmount: 6000, priceCurrency: 'CHF' },
      ],
    });
  });

  it('names an empty profile so the card still reads', () => {
    expect(previewOf(emptyProfile('', 'UTC'), { id: 'v', clinic, photoUrl: null }).displayName).toBe('Your name');
  });
});
