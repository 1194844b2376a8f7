import { Inject, Injectable, type ExecutionContext } from '@nestjs/common';
import { AuthGuard, AuthModuleOptions } from '@nestjs/passport';
import { SsoStartRequest } from '@vetmeet/contracts';
import type { Request, Response } from 'express';
import type * as oidc from 'openid-client';
import { newSessionToken } from '../auth/session-token';
import { createValidationPipe } from '../common/validation';
import { AppConfig } from '../config/app-config';
import type { ClinicOidcOptions } from './clinic-oidc.strategy';
import { setAttemptCookie, takeAttemptCookie } from './sso-attempt-cookie';
import { SsoSignInService, type SsoIdentity } from './sso-sign-in.service';

export type SsoRequest = Request & {
  ssoClinicId?: string;
  ssoConfiguration?: oidc.Configuration;
  user?: SsoIdentity;
};

/**
 * Passport through @nestjs/passport's guard, with this app's own strategy (the name in its
 * PassportModule options); what a refusal means is decided once, here.
 */
abstract class ClinicOidcGuard extends AuthGuard() {
  constructor(
    protected readonly signIn: SsoSignInService,
    @Inject(AppConfig) protected readonly config: AppConfig,
    @Inject(AuthModuleOptions) options: AuthModuleOptions,
  ) {
    super(options);
  }

  override handleRequest<T>(error: unknown, identity: unknown, _info: unknown, context: ExecutionContext): T {
    const request = context.switchToHttp().getRequest<SsoRequest>();
    if (!error && identity) return identity as T;
    // Errors become audited AppErrors; AuthGuard awaits what this returns, so a rejection reaches the filter.
    return this.signIn.providerRefused(error ?? 'no identity', request.ssoClinicId ?? null).then((refusal) => {
      throw refusal;
    }) as T;
  }
}

/** Starts an attempt: validates the address, finds its clinic's provider, binds the attempt to this browser. */
@Injectable()
export class SsoStartGuard extends ClinicOidcGuard {
  private readonly validation = createValidationPipe();

  override async getAuthenticateOptions(context: ExecutionContext): Promise<ClinicOidcOptions> {
    const http = context.switchToHttp();
    const request = http.getRequest<SsoRequest>();
    const query = (await this.validation.transform(request.query, {
      type: 'query',
      metatype: SsoStartRequest,
    })) as SsoStartRequest;
    const browserToken = newSessionToken();
    const started = await this.signIn.start(query.email, request.ip ?? null, browserToken);
    request.ssoClinicId = started.clinicId;
    setAttemptCookie(this.config, request, http.getResponse<Response>(), browserToken);
    return {
      phase: 'start',
      configuration: started.configuration,
      remember: started.remember,
      callbackURL: this.signIn.callbackUrl,
      loginHint: query.email,
      session: false,
    };
  }
}

/** Finishes an attempt: takes the one this browser started (once), then openid-client checks the answer. */
@Injectable()
export class SsoCallbackGuard extends ClinicOidcGuard {
  override async getAuthenticateOptions(context: ExecutionContext): Promise<ClinicOidcOptions> {
    const http = context.switchToHttp();
    const request = http.getRequest<SsoRequest>();
    const resumed = await this.signIn.resume(takeAttemptCookie(this.config, request, http.getResponse<Response>()));
    request.ssoClinicId = resumed.clinicId;
    request.ssoConfiguration = resumed.configuration;
    return {
      phase: 'callback',
      configuration: resumed.configuration,
      attemptState: resumed.state,
      clinicId: resumed.clinicId,
      callbackURL: this.signIn.callbackUrl,
      session: false,
    };
  }
}
