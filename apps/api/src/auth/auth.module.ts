import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountsController } from '../accounts/accounts.controller';
import { AccountsService } from '../accounts/accounts.service';
import { EmailVerificationController } from '../accounts/email-verification.controller';
import { EmailVerificationService } from '../accounts/email-verification.service';
import { PasswordResetController } from '../accounts/password-reset.controller';
import { PasswordResetService } from '../accounts/password-reset.service';
import { InvitationsController } from '../invitations/invitations.controller';
import { InvitationsService } from '../invitations/invitations.service';
import { MailModule } from '../mail/mail.module';
import { SessionsService } from '../sessions/sessions.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password-hasher';
import { SessionGuard } from './session.guard';

@Module({
  imports: [MailModule],
  controllers: [AuthController, AccountsController, EmailVerificationController, PasswordResetController, InvitationsController],
  providers: [
    AuthService,
    AccountsService,
    SessionsService,
    PasswordHasher,
    { provide: APP_GUARD, useClass: SessionGuard },
    EmailVerificationService,
    PasswordResetService,
    InvitationsService,
  ],
  exports: [SessionsService, AuthService, AccountsService, EmailVerificationService, InvitationsService],
})
export class AuthModule {}
