import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@vetmeet/contracts';
import type { Actor } from '../auth/actor';
import { AuditService } from '../audit/audit.service';
import { AppError } from '../common/errors/app-error';
import { PERMISSIONS_OF_ROLE, type Permission } from './permission';

/**
 * The one place that decides whether an actor may do something in a clinic. A clinic the
 * actor is not acting in answers "not found" (it does not reveal that it exists); a clinic
 * they are in, without the permission, answers "forbidden". Every refusal is audited.
 */
@Injectable()
export class AccessPolicy {
  constructor(private readonly audit: AuditService) {}

  allows(actor: Actor, permission: Permission, clinicId: string): boolean {
    return actor.clinicId === clinicId && actor.roles.some((role) => PERMISSIONS_OF_ROLE[role].includes(permission));
  }

  async require(actor: Actor, permission: Permission, clinicId: string): Promise<void> {
    if (this.allows(actor, permission, clinicId)) return;
    const inClinic = actor.clinicId === clinicId;
    await this.audit.recordIndependently({
      action: `access.${permission}`,
      entityType: 'clinic',
      entityId: clinicId,
      outcome: 'denied',
      clinicId: inClinic ? clinicId : null,
    });
    throw inClinic ? new AppError(ErrorCode.Forbidden) : new AppError(ErrorCode.NotFound, 'No such clinic.');
  }
}
