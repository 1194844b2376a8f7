import { emailIsVouchedFor, provesSecondFactor } from './second-factor-claims';
import { domainOf, isPublicMailDomain, normalizeDomains } from './email-domains';

describe(provesSecondFactor.name, () => {
  it('accepts an amr naming a second factor, or a multi-factor acr', () => {
    expect(provesSecondFactor({ amr: ['pwd', 'otp'] })).toBe(true);
    expect(provesSecondFactor({ amr: ['mfa'] })).toBe(true);
    expect(provesSecondFactor({ amr: ['hwk'] })).toBe(true);
    expect(provesSecondFactor({ acr: 'https://refeds.org/profile/mfa' })).toBe(true);
  });

  it('refuses a password alone, an unknown acr, or claims of the wrong type', () => {
    expect(provesSecondFactor({ amr: ['pwd'] })).toBe(false);
    expect(provesSecondFactor({})).toBe(false);
    expect(provesSecondFactor({ acr: '0' })).toBe(false);
    expect(provesSecondFactor({ amr: 'mfa' })).toBe(false);
    expect(provesSecondFactor({ acr: ['mfa'] })).toBe(false);
  });
});

describe(emailIsVouchedFor.name, () => {
  it('needs email_verified true (or Entra ID xms_edov true), never a string', () => {
    expect(emailIsVouchedFor({ email_verified: true })).toBe(true);
    expect(emailIsVouchedFor({ xms_edov: true })).toBe(true);
    expect(emailIsVouchedFor({ email_verified: 'true' })).toBe(false);
    expect(emailIsVouchedFor({ email_verified: false })).toBe(false);
    expect(emailIsVouchedFor({})).toBe(false);
  });
});

describe('e-mail domains', () => {
  it('takes the domain after the last @, lower case', () => {
    expect(domainOf('Vera.Staff@Clinic.Example')).toBe('clinic.example');
    expect(domainOf('no-domain@')).toBeNull();
    expect(domainOf('plain')).toBeNull();
  });

  it('knows public mail domains and normalizes lists', () => {
    expect(isPublicMailDomain('GMAIL.com')).toBe(true);
    expect(isPublicMailDomain('clinic.example')).toBe(false);
    expect(normalizeDomains(['b.example', 'A.example', 'a.example'])).toEqual(['a.example', 'b.example']);
  });
});
