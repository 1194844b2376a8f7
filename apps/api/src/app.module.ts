import { Global, Module, type DynamicModule, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from './access/access.module';
import { AuditLogModule } from './audit/audit-log.module';
import { AttachmentsModule } from './attachments/attachments.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { HttpErrorFilter } from './common/errors/http-error.filter';
import { RequestContextMiddleware } from './common/request/request-context.middleware';
import { createValidationPipe } from './common/validation';
import { AppConfig } from './config/app-config';
import { appDataSourceOptions } from './database/data-source-options';
import { DatabaseModule } from './database/database.module';
import { EncryptionModule } from './encryption/encryption.module';
import { HealthModule } from './health/health.module';
import { loggingModule } from './logging/logging.module';
import { MediaLoopbackModule } from './media-loopback/media-loopback.module';
import { MediaModule } from './media/media.module';
import type { DevMailbox } from './mail/dev-mailbox/dev-mailbox';
import { DevMailboxModule } from './mail/dev-mailbox/dev-mailbox.module';
import { MailModule } from './mail/mail.module';
import { MetricsModule } from './metrics/metrics.module';
import { PetsModule } from './pets/pets.module';
import { RateLimitsModule } from './rate-limits/rate-limits.module';
import { RoomsModule } from './rooms/rooms.module';
import { ConsultationsModule } from './consultations/consultations.module';
import { ConsultantsModule } from './consultants/consultants.module';
import { ClinicProfilesModule } from './clinic-profiles/clinic-profiles.module';
import { PaymentsModule } from './payments/payments.module';
import { PayoutsModule } from './payouts/payouts.module';
import { NotificationsModule } from './notifications/notifications.module';
import { BookingsModule } from './bookings/bookings.module';
import { ConsentsModule } from './consents/consents.module';
import { ConsultationChatModule } from './consultation-chat/consultation-chat.module';
import { RecordingsModule } from './recordings/recordings.module';
import { RecordingPipelineModule } from './recordings/pipeline/recording-pipeline.module';
import { SessionEventsModule } from './sessions/session-events.module';
import { SsoModule } from './sso/sso.module';
import { DemoModule, NoDemoModule, demoDataEnabled } from './demo/demo.module';
import { TwoFactorModule } from './two-factor/two-factor.module';
import { ClinicApplicationsModule } from './clinic-applications/clinic-applications.module';
import { OperatorsModule } from './operators/operators.module';

@Global()
@Module({})
class ConfigModule {
  static of(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] };
  }
}

export interface AppModuleOptions {
  config: AppConfig;
  /** As the runtime role (see database/prepare-database.ts), never the schema owner. */
  databaseUrl: string;
  /** The development mailbox main.ts started (startDevMailbox); never there in production. */
  devMailbox?: DevMailbox;
  /** The schema owner's URL, for the demo's one temporary seam (DemoClinicFounder); never kept in production. */
  schemaOwnerUrl?: string;
}

/**
 * The whole deployable: HTTP API, socket.io signaling and the SFU in one process. Built
 * from a validated config, so features that must never run in production (the media
 * loopback) are simply not part of the module graph there.
 */
@Module({})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('*path');
  }

  static forRoot({ config, databaseUrl, devMailbox, schemaOwnerUrl }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.of(config),
        loggingModule(config),
        TypeOrmModule.forRoot(appDataSourceOptions(databaseUrl, config.DATABASE_POOL_SIZE)),
        DatabaseModule,
        RateLimitsModule,
        EncryptionModule,
        AuditModule,
        AccessModule,
        MetricsModule,
        MediaModule,
        HealthModule,
        MailModule,
        AuthModule,
        SsoModule,
        PetsModule,
        AttachmentsModule,
        ConsultationsModule,
        ConsentsModule,
        ConsultantsModule,
        ClinicProfilesModule,
        PaymentsModule,
        PayoutsModule,
        NotificationsModule,
        BookingsModule,
        ClinicApplicationsModule,
        OperatorsModule,
        ConsultationChatModule,
        RecordingsModule,
        RecordingPipelineModule,
        RoomsModule,
        AuditLogModule,
        TwoFactorModule,
        SessionEventsModule,
        ...(config.DEV_MEDIA_LOOPBACK ? [MediaLoopbackModule] : []),
        ...(devMailbox ? [DevMailboxModule.forRoot(devMailbox)] : []),
        ...(demoDataEnabled(config) && schemaOwnerUrl ? [DemoModule.forRoot(schemaOwnerUrl)] : [NoDemoModule]),
      ],
      providers: [
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
