import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { AuthModuleOptions, PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import * as oidc from 'openid-client';
import {
  Strategy as OidcStrategy,
  type AuthenticateOptions,
  type VerifyFunctionWithRequest,
} from 'openid-client/passport';
import passport, { type StrategyCreated } from 'passport';
import { claimsWithEmail } from './provider-claims';
import { SsoSignInService, type SsoIdentity } from './sso-sign-in.service';

/** The strategy's name, with a suffix of its own per app (sso.module.ts). */
export const CLINIC_OIDC = 'clinic-oidc';
/** Where openid-client's strategy keeps an attempt's state on the request (our attempts table behind it). */
const STATE_KEY = 'oidc';

/** How the guards tell the strategy which clinic's provider to use, and where its state lives. */
export type ClinicOidcOptions = AuthenticateOptions &
  (
    | { phase: 'start'; configuration: oidc.Configuration; remember: (state: object) => Promise<void> }
    | { phase: 'callback'; configuration: oidc.Configuration; attemptState: object; clinicId: string }
  );

type SsoRequest = Request & { session?: Record<string, unknown> };

/**
 * openid-client's strategy for one provider, always with state and nonce as well as PKCE (it would
 * send only PKCE to a provider that supports it), and told by the guard whether this request starts
 * an attempt or answers one (it would otherwise start one on any callback without a code).
 */
class ProviderStrategy extends OidcStrategy {
  override authorizationRequestParams<T extends AuthenticateOptions>(req: Request, options: T): URLSearchParams {
    const params = new URLSearchParams(super.authorizationRequestParams(req, options));
    params.set('state', oidc.randomState());
    params.set('nonce', oidc.randomNonce());
    return params;
  }

  override shouldInitiateAuthRequest<T extends AuthenticateOptions>(_req: Request, _url: URL, options: T): boolean {
    return (options as unknown as ClinicOidcOptions).phase === 'start';
  }
}

/**
 * One passport strategy for every clinic: each request names its clinic's openid-client
 * Configuration (found by the e-mail's domain, or by the attempt the callback belongs to), and this
 * hands the request to openid-client's strategy for that provider with passport's own
 * success/fail/redirect/error of this request. The state openid-client keeps "in the session" is an
 * object on the request that the guard fills from, and the redirect saves to, sso_sign_in_attempts.
 */
class ClinicOidcDispatcher {
  constructor(
    readonly name: string,
    readonly verify: VerifyFunctionWithRequest,
  ) {}

  authenticate(this: StrategyCreated<ClinicOidcDispatcher>, req: SsoRequest, options: ClinicOidcOptions): void {
    const provider = new ProviderStrategy(
      {
        config: options.configuration,
        callbackURL: options.callbackURL,
        scope: 'openid email profile',
        passReqToCallback: true,
        sessionKey: STATE_KEY,
      },
      this.verify,
    );
    // passport's outcomes for this request are closures over it, so they can be handed on as they are.
    const { success, fail, error, pass, redirect } = this;
    const forThisRequest = Object.assign(Object.create(provider) as ProviderStrategy, {
      success,
      fail,
      error,
      pass,
      redirect: (url: string, status?: number) => {
        if (options.phase !== 'start') return redirect(url, status);
        // The provider is visited only once the attempt's state is kept.
        options.remember(req.session?.[STATE_KEY] as object).then(
          () => redirect(url, status),
          (problem: unknown) => error(problem as Error),
        );
      },
    });
    req.session = options.phase === 'callback' ? { [STATE_KEY]: options.attemptState } : {};
    (forThisRequest.authenticate as (req: Request, options: AuthenticateOptions) => void).call(
      forThisRequest,
      req,
      options,
    );
  }
}

/**
 * The Nest side of the strategy: passport calls validate() with the provider's checked answer
 * (issuer, audience, nonce, state and PKCE already verified by openid-client), and the person it
 * returns is who signs in. @nestjs/passport registers it in passport's process-wide instance, so
 * each app registers its own under the name its PassportModule options give (CLINIC_OIDC and a
 * random suffix), and its guards ask for that name: two apps in one process never use each other's
 * services, database or providers. The app's end takes it out again.
 */
@Injectable()
export class ClinicOidcStrategy extends PassportStrategy(ClinicOidcDispatcher) implements OnModuleDestroy {
  constructor(
    private readonly signIn: SsoSignInService,
    @Inject(AuthModuleOptions) options: AuthModuleOptions,
  ) {
    super(options.defaultStrategy as string);
  }

  async validate(
    req: Request,
    tokens: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers,
  ): Promise<SsoIdentity> {
    const request = req as Request & { ssoClinicId?: string; ssoConfiguration?: oidc.Configuration };
    const claims = request.ssoConfiguration ? await claimsWithEmail(request.ssoConfiguration, tokens) : undefined;
    return this.signIn.admit(request.ssoClinicId, claims);
  }

  onModuleDestroy(): void {
    passport.unuse(this.name);
  }
}
