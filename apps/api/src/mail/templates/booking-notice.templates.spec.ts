import { MAIL_LOCALES, MAIL_TEMPLATE_NAMES, renderMail, type BookingAudience, type BookingMailParams, type MailTemplateName, type MailTemplateParams } from '.';

const base: BookingMailParams = {
  audience: 'owner',
  recipientName: 'Olena',
  otherPartyName: 'Dr. Anna Koval',
  petName: 'Barsik',
  startsAt: new Date('2026-11-24T13:00:00Z'),
  endsAt: new Date('2026-11-24T13:30:00Z'),
  timeZone: 'Europe/Kyiv',
  country: 'UA',
  link: 'https://vetmeet.test/consultations/7d3f3c1e-1111-4a2b-9c3d-000000000001',
};
const euros = (amount: number) => ({ amount, currency: 'EUR' });

type BookingTemplate = Extract<MailTemplateName, `booking-${string}`>;
const BOOKING_TEMPLATES = MAIL_TEMPLATE_NAMES.filter((name): name is BookingTemplate => name.startsWith('booking-'));

function paramsFor<Name extends BookingTemplate>(name: Name, audience: BookingAudience, extra: Partial<MailTemplateParams[Name]> = {}): MailTemplateParams[Name] {
  const common = { ...base, audience };
  const byName: { [N in BookingTemplate]: MailTemplateParams[N] } = {
    'booking-requested': common,
    'booking-confirmed': common,
    'booking-declined': { ...common, refund: euros(2500) },
    'booking-cancelled': { ...common, refund: euros(2500) },
    'booking-clinic-suspended': { ...common, refund: euros(2500) },
    'booking-rescheduled': { ...common, previous: { startsAt: new Date('2026-11-23T09:00:00Z'), endsAt: new Date('2026-11-23T09:30:00Z') } },
    'booking-refund-issued': { ...common, refund: euros(2500) },
    'booking-reminder': { ...common, minutesBefore: 1440 },
  };
  return { ...byName[name], ...extra } as MailTemplateParams[Name];
}

describe('booking emails', () => {
  it('has a template for every booking notice and the reminder', () => {
    expect(BOOKING_TEMPLATES.sort()).toEqual(
      [
        'booking-cancelled',
        'booking-clinic-suspended',
        'booking-confirmed',
        'booking-declined',
        'booking-refund-issued',
        'booking-reminder',
        'booking-requested',
        'booking-rescheduled',
      ].sort(),
    );
  });

  const cases = MAIL_LOCALES.flatMap((locale) => BOOKING_TEMPLATES.flatMap((name) => (['owner', 'consultant'] as const).map((audience) => [name, audience, locale] as const)));
  it.each(cases)('renders %s for the %s in %s, with the time, the names and the link', (name, audience, locale) => {
    const mail = renderMail(name, paramsFor(name, audience), locale);
    for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toMatch(/undefined|NaN|\[object |null/);
    expect(mail.text).toContain('Dr. Anna Koval');
    expect(mail.text).toContain('Barsik');
    expect(mail.text).toContain('Europe/Kyiv');
    expect(mail.text).toContain(`\n${base.link}\n`);
    expect(mail.html).toContain(`href="${base.link}"`);
  });

  it("shows the time in the recipient's zone, written their country's way, with the zone named", () => {
    expect(renderMail('booking-confirmed', paramsFor('booking-confirmed', 'owner')).text).toContain('When: Tuesday, 24 November 2026, 15:00–15:30 EET (Europe/Kyiv time)');
    const american = renderMail('booking-confirmed', paramsFor('booking-confirmed', 'consultant', { timeZone: 'America/New_York', country: 'US' })).text;
    expect(american).toMatch(/When: Tuesday, November 24, 2026, 8:00\s–\s8:30\sAM EST \(America\/New_York time\)/);
  });

  it('falls back to UTC, and says so once, for an unknown zone', () => {
    const mail = renderMail('booking-reminder', paramsFor('booking-reminder', 'owner', { timeZone: 'Mars/Olympus_Mons' }));
    expect(mail.text).toContain('When: Tuesday, 24 November 2026, 13:00–13:30 UTC\n');
    expect(mail.text).not.toContain('UTC time');
  });

  it('names each zone once: UTC and its aliases by their abbreviation alone, any other zone also by its name', () => {
    for (const timeZone of ['UTC', 'Etc/UTC', 'Etc/GMT']) {
      const mail = renderMail('booking-rescheduled', paramsFor('booking-rescheduled', 'owner', { timeZone }));
      expect(mail.text).toContain('When: Tuesday, 24 November 2026, 13:00–13:30 UTC\n');
      expect(mail.text).toContain('Was: Monday, 23 November 2026, 09:00–09:30 UTC\n');
      expect(mail.html.match(/UTC/g)).toHaveLength(2);
    }
    const londoner = paramsFor('booking-confirmed', 'owner', { timeZone: 'Europe/London' });
    const london = renderMail('booking-confirmed', londoner);
    expect(london.text).toContain('When: Tuesday, 24 November 2026, 13:00–13:30 GMT (Europe/London time)');
  });

  it('asks the consultant to accept a request and tells the owner it is awaiting the consultant', () => {
    const consultant = renderMail('booking-requested', paramsFor('booking-requested', 'consultant', { otherPartyName: 'Olena Petrenko' }));
    expect(consultant.subject).toBe('New booking request: Barsik with Olena Petrenko');
    expect(consultant.text).toContain('Please accept or decline the request.');
    expect(consultant.text).toContain('Pet owner: Olena Petrenko');
    const owner = renderMail('booking-requested', paramsFor('booking-requested', 'owner'));
    expect(owner.text).toContain('We will email you as soon as it is accepted.');
    expect(owner.text).toContain('Consultant: Dr. Anna Koval');
  });

  it('says a decline is refunded in full, with the amount', () => {
    const mail = renderMail('booking-declined', paramsFor('booking-declined', 'owner'));
    expect(mail.text).toContain('You will get a full refund of €25.00.');
  });

  it('says whether a cancellation is refunded, and how much', () => {
    expect(renderMail('booking-cancelled', paramsFor('booking-cancelled', 'owner', { refund: euros(1999) })).text).toContain('You will get a refund of €19.99.');
    const late = renderMail('booking-cancelled', paramsFor('booking-cancelled', 'owner', { refund: null })).text;
    expect(late).toContain('No refund follows');
    expect(late).not.toContain('Refund:');
    expect(renderMail('booking-cancelled', paramsFor('booking-cancelled', 'consultant', { refund: { amount: 3000, currency: 'JPY' }, country: 'US' })).text).toContain('The owner will get a refund of ¥3,000.');
  });

  it('shows the old and the new time of a reschedule', () => {
    const mail = renderMail('booking-rescheduled', paramsFor('booking-rescheduled', 'owner'));
    expect(mail.text).toContain('When: Tuesday, 24 November 2026, 15:00–15:30 EET (Europe/Kyiv time)\nWas: Monday, 23 November 2026, 11:00–11:30 EET (Europe/Kyiv time)');
    expect(renderMail('booking-rescheduled', paramsFor('booking-rescheduled', 'owner', { previous: null })).text).not.toContain('Was:');
  });

  it('tells the refunded amount', () => {
    const mail = renderMail('booking-refund-issued', paramsFor('booking-refund-issued', 'owner', { refund: euros(4250) }));
    expect(mail.subject).toBe('Your refund of €42.50 is on its way');
  });

  it('reads amounts in the minor units Stripe charges: whole yen and won, forint in hundredths', () => {
    const subject = (amount: number, currency: string) =>
      renderMail('booking-refund-issued', paramsFor('booking-refund-issued', 'owner', { refund: { amount, currency }, country: 'US' })).subject;
    expect(subject(3000, 'JPY')).toBe('Your refund of ¥3,000 is on its way');
    expect(subject(45000, 'KRW')).toBe('Your refund of ₩45,000 is on its way');
    expect(subject(17500, 'HUF')).toBe('Your refund of HUF 175.00 is on its way');
  });

  it.each([
    [1440, 'starts in 24 hours'],
    [15, 'starts in 15 minutes'],
    [60, 'starts in 1 hour'],
    [90, 'starts in 1 hour 30 minutes'],
    [2880, 'starts in 2 days'],
    [1, 'starts in 1 minute'],
  ])('words a reminder %i minutes ahead as "%s"', (minutesBefore, wording) => {
    const mail = renderMail('booking-reminder', paramsFor('booking-reminder', 'owner', { minutesBefore }));
    expect(mail.subject).toBe(`Reminder: your consultation ${wording}`);
    expect(mail.text).toContain(`Your consultation ${wording}`);
  });

  it('shows nothing it is not given: a reason or a pet record passed along by mistake stays out', () => {
    const leaky = { ...paramsFor('booking-confirmed', 'consultant'), reason: 'Vomiting blood since Tuesday', ownerEmail: 'olena@example.test', notes: 'allergic to penicillin' };
    const mail = renderMail('booking-confirmed', leaky);
    for (const part of [mail.subject, mail.text, mail.html]) {
      expect(part).not.toContain('Vomiting');
      expect(part).not.toContain('olena@example.test');
      expect(part).not.toContain('penicillin');
    }
  });

  it('keeps hostile names on one line, bounded, and escaped in HTML', () => {
    const mail = renderMail('booking-confirmed', paramsFor('booking-confirmed', 'consultant', { otherPartyName: `<b>Eve</b>\r\n\r\nClick https://evil.example ${'x'.repeat(500)}`, petName: 'Rex & "Co"' }));
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.subject.length).toBeLessThan(200);
    expect(mail.text).not.toContain('\n\nClick');
    expect(mail.html).not.toContain('<b>Eve');
    expect(mail.html).toContain('Rex &amp; &quot;Co&quot;');
  });
});
