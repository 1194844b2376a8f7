import { Logger } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import { AppError } from '../../apps/api/src/common/errors/app-error';
import { MAIL_MAX_ATTEMPTS, Mailer, type MailRequest } from '../../apps/api/src/mail/mailer';
import { MAIL_TEMPLATE_NAMES, renderMail, type BookingMailParams, type MailTemplateName } from '../../apps/api/src/mail/templates';
import { freePort } from '../support/free-port';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp-capture';
import { mailTestConfig, startMailApp, type MailApp } from '../support/smtp-mail-app';

describe(Mailer.name, () => {
  let smtp: SmtpCapture;
  let mail: MailApp;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    mail = await startMailApp(mailTestConfig({ SMTP_URL: smtp.url }));
  });
  afterAll(async () => {
    await mail?.close();
    await smtp?.close();
  });
  afterEach(() => smtp.accept());

  const CONSULTATION_ID = '7d3f3c1e-1111-4a2b-9c3d-000000000001';
  const booking = (link: string): BookingMailParams => ({
    audience: 'owner',
    recipientName: 'Olena',
    otherPartyName: 'Dr. Anna Koval',
    petName: 'Barsik',
    startsAt: new Date('2027-03-02T10:00:00Z'),
    endsAt: new Date('2027-03-02T10:30:00Z'),
    timeZone: 'Europe/Kyiv',
    country: 'UA',
    link,
  });

  /** A request for each template, with links from MailLinks as accounts will build them. */
  function requestFor(template: MailTemplateName, to: string): MailRequest<MailTemplateName> {
    const { links } = mail;
    switch (template) {
      case 'verify-email':
        return { template, to, params: { link: links.verifyEmail('verify-token-0123'), expiresInHours: 24 } };
      case 'reset-password':
        return { template, to, params: { link: links.resetPassword('reset-token-0123'), expiresInMinutes: 30 } };
      case 'staff-invitation':
        return { template, to, params: { clinicName: 'Happy Paws', role: 'support', link: links.staffInvitation('invite-token-0123'), expiresInDays: 7 } };
      case 'password-changed':
        return { template, to, params: { changedAt: new Date(), resetLink: links.forgotPassword() } };
      case 'booking-requested':
        return { template, to, params: booking(links.booking(CONSULTATION_ID)) };
      case 'booking-confirmed':
        return { template, to, params: booking(links.consultation(CONSULTATION_ID)) };
      case 'booking-declined':
        return { template, to, params: { ...booking(links.booking(CONSULTATION_ID)), refund: { amount: 2500, currency: 'EUR' } } };
      case 'booking-cancelled':
        return { template, to, params: { ...booking(links.booking(CONSULTATION_ID)), refund: null } };
      case 'booking-clinic-suspended':
        return { template, to, params: { ...booking(links.directory()), refund: { amount: 2500, currency: 'EUR' } } };
      case 'booking-rescheduled':
        return { template, to, params: { ...booking(links.consultation(CONSULTATION_ID)), previous: { startsAt: new Date('2027-03-01T09:00:00Z'), endsAt: new Date('2027-03-01T09:30:00Z') } } };
      case 'booking-refund-issued':
        return { template, to, params: { ...booking(links.booking(CONSULTATION_ID)), refund: { amount: 2500, currency: 'EUR' } } };
      case 'booking-reminder':
        return { template, to, params: { ...booking(links.consultation(CONSULTATION_ID)), minutesBefore: 15 } };
      case 'consultation-invitation': {
        const { audience: _audience, ...invitation } = booking(links.consultation(CONSULTATION_ID));
        return { template, to, params: { ...invitation, clinicName: 'Happy Paws' } };
      }
      case 'clinic-decision':
        return { template, to, params: { clinicName: 'Happy Paws', decision: 'approved', link: links.clinicApplication() } };
    }
  }

  it.each(MAIL_TEMPLATE_NAMES)('delivers %s through SMTP as rendered, from MAIL_FROM', async (template) => {
    const to = `${template}@owners.test`;
    const request = requestFor(template, to);
    const sent = await mail.mailer.send(request);
    const { parsed, envelope } = await smtp.nextMessageTo(to);
    const rendered = renderMail(request.template, request.params);

    expect(sent.attempts).toBe(1);
    expect(parsed.messageId).toBe(sent.messageId);
    expect(sent.messageId).toMatch(/^<[0-9a-f-]{36}@vetmeet\.test>$/);
    expect(envelope).toEqual({ from: 'no-reply@vetmeet.test', to: [to] });
    expect(parsed.from?.text).toBe('"Vetmeet Test" <no-reply@vetmeet.test>');
    expect(parsed.subject).toBe(rendered.subject);
    expect(parsed.text?.trim()).toBe(rendered.text.trim());
    expect(parsed.html).toBe(rendered.html);
    const link = 'link' in request.params ? request.params.link : request.params.resetLink;
    expect(link.startsWith('https://vetmeet.test/')).toBe(true);
    expect(parsed.text).toContain(link);
    expect(parsed.html).toContain(`href="${link}"`);
  });

  it("carries attachments, such as a booking's calendar file", async () => {
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Vetmeet//test//EN\r\nEND:VCALENDAR\r\n';
    await mail.mailer.send({
      ...requestFor('verify-email', 'calendar@owners.test'),
      attachments: [{ filename: 'consultation.ics', content: ics, contentType: 'text/calendar; charset=utf-8; method=REQUEST' }],
    });
    const { parsed } = await smtp.nextMessageTo('calendar@owners.test');
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]).toMatchObject({ filename: 'consultation.ics', contentType: 'text/calendar' });
    expect(parsed.attachments[0].content.toString('utf8')).toBe(ics);
  });

  it('tries again after a transient refusal, and delivers', async () => {
    smtp.refuse(451, 1);
    const before = smtp.attempts;
    const sent = await mail.mailer.send(requestFor('reset-password', 'retry@owners.test'));
    expect(sent.attempts).toBe(2);
    expect(smtp.attempts - before).toBe(2);
    await expect(smtp.nextMessageTo('retry@owners.test')).resolves.toBeDefined();
  });

  it(`gives up after ${MAIL_MAX_ATTEMPTS} tries when the server keeps refusing, with EMAIL_NOT_SENT`, async () => {
    smtp.refuse(451);
    const before = smtp.attempts;
    const startedAt = Date.now();
    const failure = mail.mailer.send(requestFor('reset-password', 'refused@owners.test'));
    await expect(failure).rejects.toBeInstanceOf(AppError);
    await expect(failure).rejects.toMatchObject({ code: ErrorCode.EmailNotSent, message: 'We could not send the email. Please try again in a few minutes.' });
    expect(smtp.attempts - before).toBe(MAIL_MAX_ATTEMPTS);
    // Bounded: the backoff waits about 1.25 s in all.
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    await expect(smtp.nextMessageTo('refused@owners.test', 200)).rejects.toThrow('no email to refused@owners.test arrived within 200 ms');
  });

  it('does not try again after a permanent rejection', async () => {
    smtp.refuse(550);
    const before = smtp.attempts;
    await expect(mail.mailer.send(requestFor('verify-email', 'rejected@owners.test'))).rejects.toMatchObject({ code: ErrorCode.EmailNotSent });
    expect(smtp.attempts - before).toBe(1);
  });

  it('refuses anything but one plain address, so a caller cannot add recipients or headers', async () => {
    for (const to of ['a@owners.test, b@owners.test', 'a@owners.test\r\nBcc: b@owners.test', 'Someone <a@owners.test>', 'no-at-sign']) {
      await expect(mail.mailer.send(requestFor('verify-email', to))).rejects.toMatchObject({ code: ErrorCode.ValidationFailed });
    }
  });

  it('logs the Message-ID, template and outcome, never an address, a link or a body', async () => {
    const lines: string[] = [];
    const spies = (['log', 'warn', 'error', 'debug', 'verbose'] as const).map((level) =>
      jest.spyOn(Logger.prototype, level).mockImplementation(function (this: Logger, ...args: unknown[]) {
        lines.push(JSON.stringify(args));
      }),
    );
    try {
      const sent = await mail.mailer.send(requestFor('verify-email', 'private.person@owners.test'));
      smtp.refuse(451, 1);
      await mail.mailer.send(requestFor('reset-password', 'private.person@owners.test'));
      smtp.refuse(550);
      await expect(mail.mailer.send(requestFor('staff-invitation', 'private.person@owners.test'))).rejects.toBeInstanceOf(AppError);

      const logged = lines.join('\n');
      expect(logged).toContain(sent.messageId);
      expect(lines.map((line) => JSON.parse(line)[0])).toEqual([
        { messageId: sent.messageId, template: 'verify-email', attempt: 1, outcome: 'sent' },
        { messageId: expect.any(String), template: 'reset-password', attempt: 1, outcome: 'retrying', code: 'EENVELOPE', responseCode: 451 },
        { messageId: expect.any(String), template: 'reset-password', attempt: 2, outcome: 'sent' },
        { messageId: expect.any(String), template: 'staff-invitation', attempts: 1, outcome: 'failed', code: 'EENVELOPE', responseCode: 550 },
      ]);
      for (const secret of ['private.person', 'owners.test', 'token', 'Happy Paws', 'https://', 'Confirm']) expect(logged).not.toContain(secret);
    } finally {
      for (const spy of spies) spy.mockRestore();
      await smtp.nextMessageTo('private.person@owners.test');
      await smtp.nextMessageTo('private.person@owners.test');
    }
  });

  it('counts emails by template and outcome', async () => {
    const metrics = await mail.metrics.render();
    expect(metrics).toMatch(/vetmeet_emails_total\{template="verify-email",outcome="sent"\} [1-9]/);
    expect(metrics).toMatch(/vetmeet_emails_total\{template="reset-password",outcome="failed"\} [1-9]/);
    expect(metrics).toMatch(/vetmeet_email_retries_total\{template="reset-password"\} [1-9]/);
  });
});

describe(`${Mailer.name} without a working mail server`, () => {
  it('fails clearly, after its tries, when the server cannot be reached', async () => {
    const mail = await startMailApp(mailTestConfig({ SMTP_URL: `smtp://127.0.0.1:${await freePort()}` }));
    try {
      await expect(mail.mailer.send({ template: 'verify-email', to: 'x@owners.test', params: { link: mail.links.verifyEmail('t'), expiresInHours: 1 } })).rejects.toMatchObject({
        code: ErrorCode.EmailNotSent,
      });
    } finally {
      await mail.close();
    }
  });

  it('fails clearly when no mail server is configured at all', async () => {
    const mail = await startMailApp(mailTestConfig());
    try {
      await expect(mail.mailer.send({ template: 'verify-email', to: 'x@owners.test', params: { link: mail.links.verifyEmail('t'), expiresInHours: 1 } })).rejects.toMatchObject({
        code: ErrorCode.EmailNotSent,
      });
    } finally {
      await mail.close();
    }
  });
});
