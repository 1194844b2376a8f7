import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { MailLinks } from './mail-links';
import { MailSettings } from './mail-settings';
import { Mailer } from './mailer';

/**
 * Sending the platform's emails: `Mailer` renders a template and delivers it over SMTP,
 * `MailLinks` builds the links they carry. Needs AppConfig and MetricsService (both global).
 */
@Module({
  providers: [{ provide: MailSettings, useFactory: MailSettings.of, inject: [AppConfig] }, MailLinks, Mailer],
  exports: [Mailer, MailLinks],
})
export class MailModule {}
