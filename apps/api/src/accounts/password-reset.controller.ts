import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PasswordResetConfirmRequest, PasswordResetRequest, type PasswordChangedView, type PasswordResetRequestedView } from '@vetmeet/contracts';
import { Public } from '../auth/public.decorator';
import { PasswordResetService } from './password-reset.service';

@ApiTags('accounts')
@Controller('accounts/password-reset')
export class PasswordResetController {
  constructor(private readonly reset: PasswordResetService) {}

  @Public()
  @Post()
  @HttpCode(202)
  request(@Body() body: PasswordResetRequest): Promise<PasswordResetRequestedView> {
    return this.reset.request(body);
  }

  @Public()
  @Post('confirm')
  @HttpCode(200)
  confirm(@Body() body: PasswordResetConfirmRequest): Promise<PasswordChangedView> {
    return this.reset.confirm(body);
  }
}
