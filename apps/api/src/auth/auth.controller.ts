import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SignInRequest, type SessionAnswer, type SessionListItem, type SessionView } from '@vetmeet/contracts';
import type { Request, Response } from 'express';
import { AppConfig } from '../config/app-config';
import { SessionsService } from '../sessions/sessions.service';
import { CurrentActor, type Actor, type RequestWithActor } from './actor';
import { AuthService } from './auth.service';
import { AllowsPendingSecondFactor, Public, SessionOptional } from './public.decorator';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('sign-in')
  @HttpCode(200)
  async signIn(@Body() body: SignInRequest, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionView> {
    const { token, view } = await this.auth.signIn(body, { ip: request.ip ?? null, userAgent: request.header('user-agent') ?? null });
    setSessionCookie(this.config, request, response, token, new Date(view.expiresAt));
    return view;
  }

  @AllowsPendingSecondFactor()
  @Post('sign-out')
  @HttpCode(204)
  async signOut(@CurrentActor() actor: Actor, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.auth.signOut(actor);
    clearSessionCookie(this.config, request, response);
  }

  @SessionOptional()
  @AllowsPendingSecondFactor()
  @Get('session')
  session(@Req() request: RequestWithActor): Promise<SessionAnswer> {
    return this.auth.answerSession(request.actor);
  }

  @Get('sessions')
  listSessions(@CurrentActor() actor: Actor): Promise<SessionListItem[]> {
    return this.sessions.list(actor);
  }

  @Delete('sessions/:id')
  @HttpCode(204)
  revokeSession(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.sessions.revoke(actor, id);
  }
}
