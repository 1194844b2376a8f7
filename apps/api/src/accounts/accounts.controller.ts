import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RegisterAccountRequest, type AccountView, type PrivacyPolicyView } from '@vetmeet/contracts';
import { CurrentActor, type Actor } from '../auth/actor';
import { Public } from '../auth/public.decorator';
import { AccountsService } from './accounts.service';
import { currentPrivacyPolicy } from './privacy-policy';

@ApiTags('accounts')
@Controller()
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Public()
  @Post('accounts')
  @HttpCode(202)
  register(@Body() body: RegisterAccountRequest, @Ip() ip: string): Promise<{ status: 'verification_sent' }> {
    return this.accounts.register(body, { ip });
  }

  @Get('accounts/me')
  me(@CurrentActor() actor: Actor): Promise<AccountView> {
    return this.accounts.me(actor);
  }

  @Public()
  @Get('privacy-policy')
  privacyPolicy(): PrivacyPolicyView {
    return currentPrivacyPolicy();
  }
}
