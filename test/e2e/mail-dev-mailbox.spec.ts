import { createConnection } from 'node:net';
import { pino } from 'pino';
import request from 'supertest';
import type { AppConfig } from '../../apps/api/src/config/app-config';
import { DevMailboxModule } from '../../apps/api/src/mail/dev-mailbox/dev-mailbox.module';
import type { DevMailboxListing } from '../../apps/api/src/mail/dev-mailbox/dev-mailbox';
import { startDevMailbox, type RunningDevMailbox } from '../../apps/api/src/mail/dev-mailbox/dev-smtp-server';
import { freePort } from '../support/free-port';
import { mailTestConfig, startMailApp, type MailApp } from '../support/smtp-mail-app';
import { validProductionSettings } from '../../apps/api/src/config/testing/production-settings';

const silent = pino({ level: 'silent' });
const HOSTILE_CLINIC = '<script>alert("pwned")</script> Clinic';

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => socket.end(() => resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('the development mailbox', () => {
  let port: number;
  let running: RunningDevMailbox;
  let mail: MailApp;

  beforeAll(async () => {
    port = await freePort();
    const started = await startDevMailbox(mailTestConfig({ DEV_MAILBOX: 'true', DEV_SMTP_PORT: String(port) }), silent);
    if (!started) throw new Error('the dev mailbox did not start');
    running = started;
    mail = await startMailApp(running.config, [DevMailboxModule.forRoot(running.mailbox)]);

    await mail.mailer.send({ template: 'verify-email', to: 'owner@owners.test', params: { link: mail.links.verifyEmail('first-token'), expiresInHours: 24 } });
    await mail.mailer.send({
      template: 'staff-invitation',
      to: 'vet@staff.test',
      params: { clinicName: HOSTILE_CLINIC, role: 'consultant', link: mail.links.staffInvitation('second-token'), expiresInDays: 7 },
      attachments: [{ filename: 'welcome.ics', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', contentType: 'text/calendar' }],
    });
  });
  afterAll(async () => {
    await mail?.close();
    await running?.stop();
  });

  it('receives over SMTP on loopback: SMTP_URL points at it', () => {
    expect(running.config.SMTP_URL).toBe(`smtp://127.0.0.1:${port}`);
  });

  it('lists delivered emails at /dev/mailbox.json, newest first', async () => {
    const response = await request(mail.baseUrl).get('/dev/mailbox.json').expect(200).expect('Content-Type', /json/).expect('Cache-Control', 'no-store');
    const { messages } = response.body as DevMailboxListing;
    expect(messages.map((message) => message.envelope.to)).toEqual([['vet@staff.test'], ['owner@owners.test']]);
    const [invitation, verification] = messages;
    expect(verification).toMatchObject({
      from: '"Vetmeet Test" <no-reply@vetmeet.test>',
      to: 'owner@owners.test',
      subject: 'Confirm your email address for Vetmeet',
      envelope: { from: 'no-reply@vetmeet.test', to: ['owner@owners.test'] },
      attachments: [],
    });
    expect(verification.text).toContain('https://vetmeet.test/verify-email#token=first-token');
    expect(verification.html).toContain('href="https://vetmeet.test/verify-email#token=first-token"');
    expect(new Date(verification.receivedAt).getTime()).toBeLessThanOrEqual(new Date(invitation.receivedAt).getTime());
    expect(invitation.subject).toBe(`You are invited to join ${HOSTILE_CLINIC} on Vetmeet`);
    expect(invitation.attachments).toEqual([{ filename: 'welcome.ics', contentType: 'text/calendar', size: expect.any(Number) }]);
  });

  it('shows them on a readable page where nothing an email contains can run', async () => {
    const response = await request(mail.baseUrl).get('/dev/mailbox').expect(200).expect('Content-Type', /^text\/html/);
    const page = response.text;
    expect(response.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'unsafe-inline'/);
    expect(page).toContain('2 email(s), newest first');
    expect(page.indexOf('You are invited to join')).toBeLessThan(page.indexOf('Confirm your email address for Vetmeet'));
    expect(page).toContain('<dt>To</dt><dd>owner@owners.test</dd>');
    expect(page).toContain('welcome.ics (text/calendar,');
    // The subject is escaped on the page, and the email's HTML, escaped once more, sits in an inert sandbox.
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('<h2>You are invited to join &lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; Clinic on Vetmeet</h2>');
    expect(page).toContain('sandbox="allow-popups allow-popups-to-escape-sandbox"');
    expect(page).toMatch(/srcdoc="&lt;base target=&quot;_blank&quot;&gt;&lt;!doctype html&gt;/);
    expect(page).toContain('&amp;lt;script&amp;gt;');
    expect(page).toContain('<details><summary>Text part</summary><pre>Confirm your email address');
  });

  it('does not start unless asked, and never in production', async () => {
    await expect(startDevMailbox(mailTestConfig(), silent)).resolves.toBeUndefined();
    await expect(startDevMailbox(mailTestConfig({ DEV_MAILBOX: 'false', NODE_ENV: 'development' }), silent)).resolves.toBeUndefined();
    const production = mailTestConfig({ ...validProductionSettings, SMTP_URL: 'smtps://mail.vetmeet.test' });
    await expect(startDevMailbox(production, silent)).resolves.toBeUndefined();
    // Validation refuses DEV_MAILBOX=true in production; a config forged past it is refused too.
    await expect(startDevMailbox({ ...production, DEV_MAILBOX: true } as AppConfig, silent)).rejects.toThrow('The development mailbox never runs in production.');
  });

  it('survives a client that resets its connection mid-command', async () => {
    const socket = createConnection({ host: '127.0.0.1', port });
    await new Promise((resolve) => socket.once('data', resolve));
    socket.write('EHLO client.test\r\nMAIL FROM:<a@b.test>\r\nRCPT TO:<c@d.test>\r\nDATA\r\nSubject: half');
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.resetAndDestroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await mail.mailer.send({ template: 'password-changed', to: 'after-reset@owners.test', params: { changedAt: new Date(), resetLink: mail.links.forgotPassword() } });
    expect(running.mailbox.list()[0].envelope.to).toEqual(['after-reset@owners.test']);
  });

  it('frees its port when stopped', async () => {
    const otherPort = await freePort();
    const other = await startDevMailbox(mailTestConfig({ DEV_MAILBOX: 'true', DEV_SMTP_PORT: String(otherPort) }), silent);
    expect(await canConnect(otherPort)).toBe(true);
    await other?.stop();
    expect(await canConnect(otherPort)).toBe(false);
  });

  it('fails to start, clearly, when its port is taken', async () => {
    await expect(startDevMailbox(mailTestConfig({ DEV_MAILBOX: 'true', DEV_SMTP_PORT: String(port) }), silent)).rejects.toThrow(/EADDRINUSE/);
  });
});
