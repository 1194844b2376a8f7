import { MAIL_TEMPLATE_NAMES, renderMail, type BookingMailParams, type MailTemplateName, type MailTemplateParams } from '.';

const link = (path: string) => `http://localhost:3000/${path}#token=tok_0123456789abcdef`;

/** A booking as the owner reads about it: her zone is Kyiv, she lives in Ukraine. */
const bookingExample: BookingMailParams = {
  audience: 'owner',
  recipientName: 'Olena',
  otherPartyName: 'Dr. Anna Koval',
  petName: 'Barsik',
  startsAt: new Date('2026-11-24T13:00:00Z'),
  endsAt: new Date('2026-11-24T13:30:00Z'),
  timeZone: 'Europe/Kyiv',
  country: 'UA',
  link: 'http://localhost:3000/consultations/7d3f3c1e-1111-4a2b-9c3d-000000000001',
};

/** One example of every template: a new template without one fails the first test. */
const examples: { [Name in MailTemplateName]: MailTemplateParams[Name] } = {
  'verify-email': { link: link('verify-email'), expiresInHours: 24 },
  'reset-password': { link: link('reset-password'), expiresInMinutes: 30 },
  'staff-invitation': { clinicName: 'Happy Paws Clinic', role: 'consultant', link: link('invitations/accept'), expiresInDays: 7 },
  'password-changed': { changedAt: new Date('2026-03-14T09:26:00Z'), timeZone: 'Europe/Kyiv', resetLink: 'http://localhost:3000/forgot-password' },
  'booking-requested': { ...bookingExample, link: 'http://localhost:3000/bookings/7d3f3c1e-1111-4a2b-9c3d-000000000002' },
  'booking-confirmed': bookingExample,
  'booking-declined': { ...bookingExample, link: 'http://localhost:3000/bookings/7d3f3c1e-1111-4a2b-9c3d-000000000002', refund: { amount: 2500, currency: 'EUR' } },
  'booking-cancelled': { ...bookingExample, link: 'http://localhost:3000/bookings/7d3f3c1e-1111-4a2b-9c3d-000000000002', refund: { amount: 2500, currency: 'EUR' } },
  'booking-clinic-suspended': {
    ...bookingExample,
    link: 'http://localhost:3000/consultants',
    refund: { amount: 2500, currency: 'EUR' },
  },
  'booking-rescheduled': { ...bookingExample, previous: { startsAt: new Date('2026-11-23T09:00:00Z'), endsAt: new Date('2026-11-23T09:30:00Z') } },
  'booking-refund-issued': { ...bookingExample, link: 'http://localhost:3000/bookings/7d3f3c1e-1111-4a2b-9c3d-000000000002', refund: { amount: 2500, currency: 'EUR' } },
  'booking-reminder': { ...bookingExample, minutesBefore: 1440 },
  'consultation-invitation': { ...withoutAudience(bookingExample), clinicName: 'Happy Paws Clinic' },
  'clinic-decision': {
    clinicName: 'Happy Paws Clinic',
    decision: 'refused',
    reason: 'The legal entity is not registered.',
    link: 'http://localhost:3000/clinic-application',
  },
};

function withoutAudience({ audience: _audience, ...rest }: BookingMailParams): Omit<BookingMailParams, 'audience'> {
  return rest;
}

const render = <Name extends MailTemplateName>(name: Name, params: MailTemplateParams[Name] = examples[name], locale?: string) => renderMail(name, params, locale);

describe(renderMail.name, () => {
  it.each(MAIL_TEMPLATE_NAMES)('renders %s as a subject, a text part and an HTML document with the Vetmeet layout', (name) => {
    const mail = render(name);
    expect(mail.subject).toMatch(/\S/);
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(mail.html).toContain(`<title>${mail.subject}</title>`);
    expect(mail.html).toContain('>Vetmeet</td>');
    expect(mail.text).toContain('The Vetmeet team');
    for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toMatch(/undefined|NaN|\[object /);
  });

  it.each(MAIL_TEMPLATE_NAMES)('puts the link of %s in the text part and behind the button', (name) => {
    const params = examples[name];
    const url = 'link' in params ? params.link : params.resetLink;
    const mail = render(name);
    expect(mail.text).toContain(`\n${url}\n`);
    expect(mail.html).toContain(`href="${url}"`);
  });

  it('asks to confirm an address, saying when the link expires', () => {
    const mail = render('verify-email');
    expect(mail.subject).toBe('Confirm your email address for Vetmeet');
    expect(mail.text).toContain('This link expires in 24 hours.');
    expect(mail.html).toContain('>Confirm email address</a>');
  });

  it('says a reset link expires and that the email can be ignored by someone who did not ask', () => {
    const mail = render('reset-password', { link: link('reset-password'), expiresInMinutes: 1 });
    expect(mail.subject).toBe('Reset your Vetmeet password');
    expect(mail.text).toContain('This link expires in 1 minute and works only once.');
    expect(mail.text).toContain('If you did not ask for this, you can ignore this email: your password stays as it is.');
    expect(mail.html).toContain('If you did not ask for this, you can ignore this email');
  });

  it('invites staff to a clinic in a role', () => {
    const mail = render('staff-invitation', { ...examples['staff-invitation'], role: 'clinic_admin' });
    expect(mail.subject).toBe('You are invited to join Happy Paws Clinic on Vetmeet');
    expect(mail.text).toContain('Happy Paws Clinic invites you to work with them on Vetmeet as a clinic admin.');
    expect(mail.text).toContain('Clinic: Happy Paws Clinic\nRole: a clinic admin');
    expect(mail.text).toContain('This invitation expires in 7 days.');
  });

  it('escapes a hostile clinic name in the HTML and keeps it on one line everywhere', () => {
    const clinicName = `<script>alert("pwned")</script><img src=x onerror=alert(1)> & Co\r\n\r\nYour account is locked`;
    const mail = render('staff-invitation', { ...examples['staff-invitation'], clinicName });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; Co Your account is locked');
    expect(mail.subject).toBe('You are invited to join <script>alert("pwned")</script><img src=x onerror=alert(1)> & Co Your account is locked on Vetmeet');
    expect(mail.text).not.toContain('\n\nYour account is locked');
  });

  it('cuts an overlong clinic name', () => {
    const mail = render('staff-invitation', { ...examples['staff-invitation'], clinicName: 'A'.repeat(5_000) });
    expect(mail.subject.length).toBeLessThan(200);
  });

  it("tells when a password changed, in the person's time zone, and where to reset it", () => {
    const mail = render('password-changed');
    expect(mail.subject).toBe('Your Vetmeet password was changed');
    expect(mail.text).toMatch(/was changed on March 14, 2026 at 11:26\sAM GMT\+2\./);
    expect(mail.text).toContain('If you did not change it, someone else may know your password');
  });

  it('still sends a security notice when the time zone is unknown, in UTC', () => {
    const mail = render('password-changed', { ...examples['password-changed'], timeZone: 'Mars/Olympus_Mons' });
    expect(mail.text).toMatch(/March 14, 2026 at 9:26\sAM UTC/);
  });

  it('falls back to English for a language it does not write yet, and for a regional variant', () => {
    expect(render('verify-email', undefined, 'uk').subject).toBe('Confirm your email address for Vetmeet');
    expect(render('verify-email', undefined, 'en-GB').html).toContain('<html lang="en">');
  });

  it('refuses a link that is not http(s)', () => {
    expect(() => render('verify-email', { link: 'javascript:alert(1)', expiresInHours: 1 })).toThrow('A link in an email must be an http(s) URL.');
  });
});
