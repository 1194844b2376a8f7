import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountsController } from '../accounts/accounts.controller';
import { AccountsService } from '../accounts/accounts.service';
import { SessionsService } from '../sessions/sessions.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password-hasher';
import { SessionGuard } from './session.guard';

@Module({
  controllers: [AuthController, AccountsController],
  providers: [AuthService, AccountsService, SessionsService, PasswordHasher, { provide: APP_GUARD, useClass: SessionGuard }],
  exports: [SessionsService, AuthService],
})
export class AuthModule {}
