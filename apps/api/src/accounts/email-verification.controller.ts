import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EmailTokenRequest, type EmailVerifiedView, type VerificationResentView } from '@vetmeet/contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { Public } from '../auth/public.decorator';
import { EmailVerificationService } from './email-verification.service';

@ApiTags('accounts')
@Controller('accounts/verify-email')
export class EmailVerificationController {
  constructor(private readonly verification: EmailVerificationService) {}

  /** The link's token, posted by the web page the link opens. */
  @Public()
  @Post()
  @HttpCode(200)
  verify(@Body() body: EmailTokenRequest): Promise<EmailVerifiedView> {
    return this.verification.verify(body.token);
  }

  @Post('resend')
  @HttpCode(202)
  resend(@CurrentActor() actor: Actor): Promise<VerificationResentView> {
    return this.verification.resend(actor);
  }
}
