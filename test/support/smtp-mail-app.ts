import { Global, Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { AppConfig } from '../../apps/api/src/config/app-config';
import { loadConfig } from '../../apps/api/src/config/load-config';
import { MailLinks } from '../../apps/api/src/mail/mail-links';
import { MailModule } from '../../apps/api/src/mail/mail.module';
import { Mailer } from '../../apps/api/src/mail/mailer';
import { MetricsModule } from '../../apps/api/src/metrics/metrics.module';
import { MetricsService } from '../../apps/api/src/metrics/metrics.service';

@Global()
@Module({})
class TestConfigModule {
  static of(config: AppConfig): DynamicModule {
    return { module: TestConfigModule, providers: [{ provide: AppConfig, useValue: config }], exports: [AppConfig] };
  }
}

export interface MailApp {
  app: NestExpressApplication;
  config: AppConfig;
  mailer: Mailer;
  links: MailLinks;
  metrics: MetricsService;
  baseUrl: string;
  close(): Promise<void>;
}

/** Test settings for the mail module: anything given overrides them. */
export function mailTestConfig(settings: Record<string, string> = {}): AppConfig {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'error', MAIL_FROM: 'Vetmeet Test <no-reply@vetmeet.test>', PUBLIC_URL: 'https://vetmeet.test', ...settings });
}

/**
 * The mail module as AppModule wires it (global AppConfig and metrics), without the database
 * and media workers it does not need, listening on a free loopback port. `imports` adds
 * modules such as DevMailboxModule.
 */
export async function startMailApp(config: AppConfig, imports: ModuleMetadata['imports'] = []): Promise<MailApp> {
  const moduleRef = await Test.createTestingModule({ imports: [TestConfigModule.of(config), MetricsModule, MailModule, ...imports] }).compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  return {
    app,
    config,
    mailer: app.get(Mailer),
    links: app.get(MailLinks),
    metrics: app.get(MetricsService),
    baseUrl: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    close: () => app.close(),
  };
}
