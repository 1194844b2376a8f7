import { Controller, Get, Inject, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/public.decorator';
import { setSessionCookie } from '../auth/session-cookie';
import { AppConfig } from '../config/app-config';
import { SsoCallbackGuard, SsoStartGuard, type SsoRequest } from './sso.guards';
import { SsoPageErrorFilter } from './sso-page-error.filter';
import { SsoSignInService } from './sso-sign-in.service';

/**
 * Staff single sign-on, visited by the browser: start (`?email=`) sends it to the clinic's
 * provider, the provider sends it back to the callback, which opens our own session and goes on to
 * the clinic's page (or to the authenticator code, when the provider proved no second factor).
 */
@ApiTags('auth')
@Controller('auth/sso')
@UseFilters(SsoPageErrorFilter)
export class SsoSignInController {
  constructor(
    private readonly signIn: SsoSignInService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** Never reached: the guard's strategy answers with the redirect to the provider. */
  @Public()
  @Get('start')
  @UseGuards(SsoStartGuard)
  start(): void {}

  @Public()
  @Get('callback')
  @UseGuards(SsoCallbackGuard)
  async callback(@Req() request: SsoRequest, @Res() response: Response): Promise<void> {
    const origin = { ip: request.ip ?? null, userAgent: request.header('user-agent') ?? null };
    const { token, view, landing } = await this.signIn.openSession(request.user!, origin);
    setSessionCookie(this.config, request, response, token, new Date(view.expiresAt));
    response.redirect(303, landing);
  }
}
