import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode } from '@vetmeet/contracts';
import type { Request, Response } from 'express';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { RequestContext } from '../common/request/request-context';
import { AppConfig } from '../config/app-config';
import { DatabaseContext } from '../database/database-context';
import { SessionsService } from '../sessions/sessions.service';
import type { Actor, RequestWithActor, StaffRole } from './actor';
import { ALLOWS_PENDING_SECOND_FACTOR, IS_PUBLIC, PLATFORM_OPERATOR, SESSION_OPTIONAL } from './public.decorator';
import { clearSessionCookie, sessionCookieName } from './session-cookie';
import { isValidCsrfToken } from './session-token';
import { OperatorRecords } from '../operators/operator-records';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Deny by default: every HTTP route needs a live session unless it says @Public(). A
 * cookie-authenticated write must also carry the session's CSRF token. A request may act
 * in one clinic (X-Clinic-Id), only one the person is a member of.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionsService,
    private readonly db: DatabaseContext,
    private readonly audit: AuditService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]) ?? false;
    const request = context.switchToHttp().getRequest<Request & RequestWithActor>();
    const token: unknown = request.cookies?.[sessionCookieName(this.config)];
    const session = typeof token === 'string' ? await this.sessions.resolve(token) : undefined;
    if (!session) {
      if (typeof token === 'string') clearSessionCookie(this.config, request, context.switchToHttp().getResponse<Response>());
      if (isPublic || this.reflector.getAllAndOverride<boolean>(SESSION_OPTIONAL, [context.getHandler()])) return true;
      throw new AppError(ErrorCode.Unauthenticated);
    }
    if (isPublic) return true;
    if (session.secondFactorPending && !this.reflector.getAllAndOverride<boolean>(ALLOWS_PENDING_SECOND_FACTOR, [context.getHandler(), context.getClass()])) {
      throw new AppError(ErrorCode.SecondFactorRequired);
    }
    if (!SAFE_METHODS.has(request.method) && !isValidCsrfToken(request.header('x-csrf-token'), session.sessionId, this.secret())) {
      throw new AppError(ErrorCode.CsrfTokenInvalid);
    }
    request.actor = await this.actorFor(session.userId, session.sessionId, request.header('x-clinic-id'));
    RequestContext.current().actor = request.actor;
    if (this.reflector.getAllAndOverride<boolean>(PLATFORM_OPERATOR, [context.getHandler(), context.getClass()])) {
      await this.requirePlatformOperator(request.actor);
    }
    return true;
  }

  /** The operator console's routes: operators only, whatever clinic the request names; a refusal is audited. */
  private async requirePlatformOperator(actor: Actor): Promise<void> {
    const scope = { userId: actor.userId, clinicId: null };
    if (await this.db.runAs(scope, (manager) => OperatorRecords.isOperator(manager))) {
      actor.platformOperator = true;
      return;
    }
    const refusal = { action: 'access.operator', entityType: 'platform', outcome: 'denied', clinicId: null } as const;
    await this.audit.recordIndependently({ ...refusal, actorUserId: actor.userId });
    throw new AppError(ErrorCode.PlatformOperatorRequired);
  }

  private async actorFor(userId: string, sessionId: string, clinicHeader: string | undefined): Promise<Actor> {
    if (clinicHeader === undefined) return { userId, sessionId, clinicId: null, roles: [] };
    if (!UUID.test(clinicHeader)) throw new AppError(ErrorCode.ValidationFailed, 'X-Clinic-Id must be a clinic id.');
    const roles = await this.db.runAs({ userId, clinicId: null }, (manager) =>
      manager.query<{ role: StaffRole }[]>('SELECT role FROM clinic_memberships WHERE user_id = $1 AND clinic_id = $2', [userId, clinicHeader]),
    );
    // Not a member looks the same as no such clinic.
    if (roles.length === 0) {
      await this.audit.recordIndependently({ action: 'access.clinic', entityType: 'clinic', entityId: clinicHeader, outcome: 'denied', actorUserId: userId });
      throw new AppError(ErrorCode.NotFound, 'No such clinic.');
    }
    return { userId, sessionId, clinicId: clinicHeader, roles: roles.map((row) => row.role) };
  }

  private secret(): string {
    if (!this.config.SESSION_SECRET) throw new Error('SESSION_SECRET is missing');
    return this.config.SESSION_SECRET;
  }
}
