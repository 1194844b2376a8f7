import { Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PassportModule } from '@nestjs/passport';
import { AuthModule } from '../auth/auth.module';
import { CLINIC_OIDC, ClinicOidcStrategy } from './clinic-oidc.strategy';
import { DomainOwnership } from './domain-ownership';
import { OidcConfigurations } from './oidc-configurations';
import { SsoCallbackGuard, SsoStartGuard } from './sso.guards';
import { SsoSettingsController } from './sso-settings.controller';
import { SsoSettingsService } from './sso-settings.service';
import { SsoSignInController } from './sso-sign-in.controller';
import { SsoSignInService } from './sso-sign-in.service';

/** Staff single sign-on through each clinic's OpenID Connect provider (passport + openid-client). */
@Module({
  imports: [
    // A strategy name of this app's own: passport's registry is one per process (clinic-oidc.strategy.ts).
    PassportModule.registerAsync({ useFactory: () => ({ defaultStrategy: `${CLINIC_OIDC}:${randomUUID()}` }) }),
    AuthModule,
  ],
  controllers: [SsoSettingsController, SsoSignInController],
  providers: [
    OidcConfigurations,
    DomainOwnership,
    SsoSettingsService,
    SsoSignInService,
    ClinicOidcStrategy,
    SsoStartGuard,
    SsoCallbackGuard,
  ],
})
export class SsoModule {}
