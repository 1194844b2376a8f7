import { Body, Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SecondFactorRequest, TotpCodeRequest, type RecoveryCodesView, type SessionView, type TotpEnrollmentView } from '@vetmeet/contracts';
import type { Request, Response } from 'express';
import { CurrentActor, type Actor } from '../auth/actor';
import { AllowsPendingSecondFactor } from '../auth/public.decorator';
import { setSessionCookie } from '../auth/session-cookie';
import { AppConfig } from '../config/app-config';
import { TwoFactorService } from './two-factor.service';

@ApiTags('auth')
@Controller('auth')
export class TwoFactorController {
  constructor(
    private readonly twoFactor: TwoFactorService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  @AllowsPendingSecondFactor()
  @Post('second-factor')
  @HttpCode(200)
  async completeSignIn(
    @CurrentActor() actor: Actor,
    @Body() body: SecondFactorRequest,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionView> {
    const { token, view } = await this.twoFactor.completeSignIn(actor, body);
    setSessionCookie(this.config, request, response, token, new Date(view.expiresAt));
    return view;
  }

  @Post('totp/enroll')
  @HttpCode(200)
  enroll(@CurrentActor() actor: Actor): Promise<TotpEnrollmentView> {
    return this.twoFactor.enroll(actor);
  }

  @Post('totp/enable')
  @HttpCode(200)
  enable(@CurrentActor() actor: Actor, @Body() body: TotpCodeRequest): Promise<RecoveryCodesView> {
    return this.twoFactor.enable(actor, body.code);
  }

  @Post('totp/disable')
  @HttpCode(204)
  disable(@CurrentActor() actor: Actor, @Body() body: SecondFactorRequest): Promise<void> {
    return this.twoFactor.disable(actor, body);
  }
}
