import { Transform, Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import {
  CONSULTATION_LIST_MAX_LIMIT,
  CONSULTATION_MAX_MINUTES,
  CONSULTATION_MIN_MINUTES,
  ROOM_PASSWORD_MAX_LENGTH,
  ROOM_PASSWORD_MIN_LENGTH,
  type ConsultationListPeriod,
  type ConsultationListQueryPayload,
  type CreateConsultationPayload,
  type SetRoomPasswordPayload,
} from './consultation-payloads';
import { IsTimestamp } from '../validation/timestamp';

const trimmed = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export class CreateConsultationRequest implements CreateConsultationPayload {
  @trimmed()
  @IsEmail()
  @MaxLength(254)
  ownerEmail!: string;

  @trimmed()
  @IsString()
  @Length(1, 80)
  petName!: string;

  @IsOptional()
  @IsTimestamp()
  startsAt?: string;

  @IsInt()
  @Min(CONSULTATION_MIN_MINUTES)
  @Max(CONSULTATION_MAX_MINUTES)
  durationMinutes!: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string | null;
}

export class SetRoomPasswordRequest implements SetRoomPasswordPayload {
  @IsString()
  @Length(ROOM_PASSWORD_MIN_LENGTH, ROOM_PASSWORD_MAX_LENGTH)
  password!: string;
}

export class ConsultationListQuery implements ConsultationListQueryPayload {
  @IsIn(['upcoming', 'past'])
  period!: ConsultationListPeriod;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(CONSULTATION_LIST_MAX_LIMIT)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
