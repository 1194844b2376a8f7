import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AuthModule } from '../auth/auth.module';
import { ClinicOidcStrategy } from './clinic-oidc.strategy';
import { OidcConfigurations } from './oidc-configurations';
import { SsoCallbackGuard, SsoStartGuard } from './sso.guards';
import { SsoSettingsController } from './sso-settings.controller';
import { SsoSettingsService } from './sso-settings.service';
import { SsoSignInController } from './sso-sign-in.controller';
import { SsoSignInService } from './sso-sign-in.service';

/** Staff single sign-on through each clinic's OpenID Connect provider (passport + openid-client). */
@Module({
  imports: [PassportModule, AuthModule],
  controllers: [SsoSettingsController, SsoSignInController],
  providers: [
    OidcConfigurations,
    SsoSettingsService,
    SsoSignInService,
    ClinicOidcStrategy,
    SsoStartGuard,
    SsoCallbackGuard,
  ],
})
export class SsoModule {}
