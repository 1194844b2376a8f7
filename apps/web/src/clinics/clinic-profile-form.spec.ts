import type { ClinicProfileView } from '@vetmeet/contracts/client';
import {
  addressLineField,
  clinicFieldOf,
  clinicProfileValuesOf,
  directoryViewOf,
  toClinicProfilePayload,
  validateClinicProfile,
} from './clinic-profile-form';

const view: ClinicProfileView = {
  id: 'c',
  name: 'Tierklinik Mitte',
  address: { lines: ['Torstraße 1'], city: 'Berlin', postcode: '10119', country: 'DE' },
  defaultCurrency: 'EUR',
  timeZone: 'Europe/Berlin',
  directory: { showLogo: true, address: 'city' },
  logoUrl: '/api/clinics/c/profile/logo?v=1',
};

describe('clinic profile form', () => {
  it('reads a saved profile back into the same payload, blank address lines dropped', () => {
    const values = clinicProfileValuesOf(view);
    expect(values.lines).toEqual(['Torstraße 1', '', '']);
    expect(validateClinicProfile(values)).toEqual({});
    const { logoUrl: _logoUrl, id: _id, ...payload } = view;
    expect(toClinicProfilePayload(values)).toEqual(payload);
    expect(toClinicProfilePayload({ ...values, country: '' }).address.country).toBeNull();
  });

  it('names each field the server would refuse, before sending', () => {
    const values = clinicProfileValuesOf(view);
    const problems = validateClinicProfile({
      ...values,
      name: ' ',
      lines: ['x'.repeat(101), '', ''],
      postcode: '<1>',
      defaultCurrency: 'XXX',
      timeZone: 'Mars/Base',
    });
    expect(Object.keys(problems).sort()).toEqual(['address-line-0', 'defaultCurrency', 'name', 'postcode', 'timeZone']);
  });

  it('previews what owners see: the logo only when shown, the address only as far as chosen', () => {
    const values = clinicProfileValuesOf(view);
    expect(directoryViewOf('c', values, view.logoUrl)).toEqual({
      id: 'c', name: 'Tierklinik Mitte', logoUrl: view.logoUrl, city: 'Berlin', country: 'DE',
      streetLines: null, postcode: null,
    });
    const hidden = directoryViewOf('c', { ...values, showLogo: false, address: 'none' }, view.logoUrl);
    expect(hidden).toMatchObject({ logoUrl: null, city: null, country: null });
    const full = directoryViewOf('c', { ...values, address: 'full' }, null);
    expect(full).toMatchObject({ streetLines: ['Torstraße 1'], postcode: '10119' });
  });

  it("maps the server's field names to the form's", () => {
    expect(clinicFieldOf('address.lines[2]')).toBe(addressLineField(2));
    expect(clinicFieldOf('address.country')).toBe('country');
    expect(clinicFieldOf('directory.address')).toBe('address');
    expect(clinicFieldOf('status')).toBeUndefined();
  });
});
