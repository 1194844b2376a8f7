import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { CLINIC_STATUSES, type ClinicStatusValue } from '../clinics/clinic-application-payloads';
import type {
  ClinicDecisionReasonPayload,
  GrantOperatorPayload,
  OperatorClinicListQueryPayload,
} from './operator-payloads';

export const OPERATOR_CLINIC_LIST_MAX_LIMIT = 100;

export class OperatorClinicListQuery implements OperatorClinicListQueryPayload {
  @IsOptional()
  @IsIn(CLINIC_STATUSES)
  status?: ClinicStatusValue;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(OPERATOR_CLINIC_LIST_MAX_LIMIT)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

/** Refusing, suspending or reinstating a clinic says why; the applicant reads it. */
export class ClinicDecisionReasonRequest implements ClinicDecisionReasonPayload {
  @IsString()
  @Length(3, 1000)
  @Matches(/\S/, { message: 'reason must not be blank' })
  reason!: string;
}

export class GrantOperatorRequest implements GrantOperatorPayload {
  @IsEmail({ allow_display_name: false, require_tld: true })
  @MaxLength(254)
  email!: string;
}
