import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

export type StaffRole = 'consultant' | 'support' | 'clinic_admin';

/** The signed-in person a request acts for, as the session guard established it. */
export interface Actor {
  userId: string;
  sessionId: string;
  /** The clinic this request acts in (X-Clinic-Id, checked against memberships), if any. */
  clinicId: string | null;
  /** Roles in clinicId; empty when acting as a pet owner. */
  roles: StaffRole[];
  /** A platform operator, on the routes of the operator console (the session guard checks it there). */
  platformOperator?: boolean;
}

export interface RequestWithActor {
  actor?: Actor;
  id?: string;
  ip?: string;
}

export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<RequestWithActor>().actor;
  if (!actor) throw new Error('CurrentActor used on a public route');
  return actor;
});
