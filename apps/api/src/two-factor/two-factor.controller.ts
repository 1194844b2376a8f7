import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SecondFactorRequest, TotpCodeRequest, type RecoveryCodesView, type SessionView, type TotpEnrollmentView } from '@vetmeet/contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { AllowsPendingSecondFactor } from '../auth/public.decorator';
import { TwoFactorService } from './two-factor.service';

@ApiTags('auth')
@Controller('auth')
export class TwoFactorController {
  constructor(private readonly twoFactor: TwoFactorService) {}

  @AllowsPendingSecondFactor()
  @Post('second-factor')
  @HttpCode(200)
  completeSignIn(@CurrentActor() actor: Actor, @Body() body: SecondFactorRequest): Promise<SessionView> {
    return this.twoFactor.completeSignIn(actor, body);
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
