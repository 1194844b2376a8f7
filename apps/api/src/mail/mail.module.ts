import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { MailLinks } from './mail-links';
import { MailSettings } from './mail-settings';
import { Mailer } from './mailer';

/**
 * Sending the platform's emails: `Mailer` renders a template and delivers it over SMTP,
 * `MailLinks` builds the links they carry, `MailSettings` says who sends them (calendar files name the sender). Needs AppConfig and MetricsService (both global).
 */
@Module({
  providers: [{ provide: MailSettings, useFactory: MailSettings.of, inject: [AppConfig] }, MailLinks, Mailer],
  exports: [Mailer, MailLinks, MailSettings],
})
export class MailModule {}
