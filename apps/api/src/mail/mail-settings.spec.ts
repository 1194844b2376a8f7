import { loadConfig } from '../config/load-config';
import { validProductionSettings } from '../config/testing/production-settings';
import { MailLinks } from './mail-links';
import { devMailboxEnabled, MailSettings } from './mail-settings';
import { configProblems } from '../config/testing/config-problems';

const production = {
  ...validProductionSettings,
  SMTP_URL: 'smtp://mailer:s3cret%2Fpass@mail.vetmeet.example:587',
  MAIL_FROM: 'Vetmeet <no-reply@vetmeet.example>',
  PUBLIC_URL: 'https://vetmeet.example',
};

const problemsOf = configProblems;

describe(MailSettings.name, () => {
  it('needs no setting outside production: local sender and links to this server', () => {
    const settings = MailSettings.of(loadConfig({ PORT: '8080' }));
    expect(settings).toMatchObject({ smtp: undefined, from: 'Vetmeet <no-reply@localhost>', fromDomain: 'localhost', publicUrl: 'http://localhost:8080' });
  });

  it('demands a mail server, a sender and the public https address in production', () => {
    const { SMTP_URL: _smtp, MAIL_FROM: _from, PUBLIC_URL: _url, ...withoutMail } = production;
    expect(problemsOf(withoutMail)).toEqual([
      'SMTP_URL: must be an smtp:// or smtps:// URL without a path (required in production) (got nothing)',
      'MAIL_FROM: must be an email address or "Name <address>" (required in production) (got nothing)',
      'PUBLIC_URL: must be an http(s):// URL without query or fragment (required in production) (got nothing)',
    ]);
    expect(problemsOf({ ...production, PUBLIC_URL: 'http://vetmeet.example' })).toEqual([expect.stringMatching(/^PUBLIC_URL: must be an https:\/\/ URL in production/)]);
    expect(problemsOf(production)).toEqual([]);
  });

  it('refuses malformed mail settings anywhere', () => {
    const problems = problemsOf({ SMTP_URL: 'http://mail.example', MAIL_FROM: 'not an address', PUBLIC_URL: 'localhost:3000', DEV_SMTP_PORT: '25' });
    expect(problems).toEqual([
      expect.stringMatching(/^SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/),
      expect.stringMatching(/^MAIL_FROM: must be an email address/),
      expect.stringMatching(/^PUBLIC_URL: must be an http\(s\):\/\/ URL/),
      expect.stringMatching(/^DEV_SMTP_PORT: /),
    ]);
  });

  it('connects with the credentials of the URL and, in production, refuses cleartext to a remote relay', () => {
    const settings = MailSettings.of(loadConfig(production));
    expect(settings.smtp).toMatchObject({ host: 'mail.vetmeet.example', port: 587, secure: false, requireTLS: true, auth: { user: 'mailer', pass: 's3cret/pass' } });
    expect(settings.fromDomain).toBe('vetmeet.example');
    expect(MailSettings.of(loadConfig({ ...production, SMTP_URL: 'smtps://mail.vetmeet.example' })).smtp).toMatchObject({ secure: true, port: undefined, requireTLS: false });
    expect(MailSettings.of(loadConfig({ ...production, SMTP_URL: 'smtp://127.0.0.1:25' })).smtp).toMatchObject({ requireTLS: false, auth: undefined });
    expect(MailSettings.of(loadConfig({ SMTP_URL: 'smtp://mail.example:2525' })).smtp).toMatchObject({ requireTLS: false });
  });
});

describe(devMailboxEnabled.name, () => {
  it('runs in development without a mail server, and not otherwise unless asked', () => {
    expect(devMailboxEnabled(loadConfig({}))).toBe(true);
    expect(devMailboxEnabled(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }))).toBe(false);
    expect(devMailboxEnabled(loadConfig({ DEV_MAILBOX: 'false' }))).toBe(false);
    expect(devMailboxEnabled(loadConfig({ NODE_ENV: 'test' }))).toBe(false);
    expect(devMailboxEnabled(loadConfig({ NODE_ENV: 'test', DEV_MAILBOX: 'true' }))).toBe(true);
    expect(devMailboxEnabled(loadConfig(production))).toBe(false);
  });

  it('is refused in production', () => {
    expect(problemsOf({ ...production, DEV_MAILBOX: 'true' })).toEqual([expect.stringMatching(/^DEV_MAILBOX: must be false in production/)]);
    expect(problemsOf({ ...production, DEV_MAILBOX: 'false' })).toEqual([]);
  });
});

describe(MailLinks.name, () => {
  const links = (publicUrl: string) => new MailLinks(MailSettings.of(loadConfig({ PUBLIC_URL: publicUrl })));

  it('builds every link under PUBLIC_URL, with the token in the fragment', () => {
    const mailLinks = links('https://vetmeet.example');
    expect(mailLinks.verifyEmail('abc')).toBe('https://vetmeet.example/verify-email#token=abc');
    expect(mailLinks.resetPassword('a+b/c=')).toBe('https://vetmeet.example/reset-password#token=a%2Bb%2Fc%3D');
    expect(mailLinks.staffInvitation('xyz')).toBe('https://vetmeet.example/invitations/accept#token=xyz');
    expect(mailLinks.forgotPassword()).toBe('https://vetmeet.example/forgot-password');
  });

  it('keeps a path prefix and drops a trailing slash', () => {
    expect(links('https://example.org/vetmeet/').verifyEmail('t')).toBe('https://example.org/vetmeet/verify-email#token=t');
  });
});
