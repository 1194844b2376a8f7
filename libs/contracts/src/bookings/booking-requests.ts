import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  IsObject,
  ValidateNested,
} from 'class-validator';
import { BookingConsentsRequest } from '../consents/consent-requests';
import { CONSULTATION_MAX_MINUTES, CONSULTATION_MIN_MINUTES } from '../consultations/consultation-payloads';
import {
  BOOKING_LIST_MAX_LIMIT,
  BOOKING_MAX_PHOTOS,
  BOOKING_REASON_MAX_LENGTH,
  type BookingListPeriod,
  type BookingListQueryPayload,
  type BookingRoleValue,
  type CreateBookingPayload,
  type RescheduleBookingPayload,
  type RescheduleSlotsQueryPayload,
  type TestPaymentOutcome,
  type TestPaymentPayload,
} from './booking-payloads';
import { IsTimestamp } from '../validation/timestamp';

const trimmed = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export class CreateBookingRequest implements CreateBookingPayload {
  @IsUUID()
  consultantId!: string;

  @IsUUID()
  petId!: string;

  @IsTimestamp()
  startsAt!: string;

  @IsInt()
  @Min(CONSULTATION_MIN_MINUTES)
  @Max(CONSULTATION_MAX_MINUTES)
  durationMinutes!: number;

  @trimmed()
  @IsString()
  @Length(1, BOOKING_REASON_MAX_LENGTH)
  reason!: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(BOOKING_MAX_PHOTOS)
  @IsUUID('all', { each: true })
  photoAttachmentIds?: string[];

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => BookingConsentsRequest)
  consents?: BookingConsentsRequest;
}

export class RescheduleBookingRequest implements RescheduleBookingPayload {
  @IsTimestamp()
  startsAt!: string;
}

export class TestPaymentRequest implements TestPaymentPayload {
  @IsIn(['succeeded', 'declined'])
  outcome!: TestPaymentOutcome;
}

export class RescheduleSlotsQuery implements RescheduleSlotsQueryPayload {
  @IsString()
  @MaxLength(40)
  from!: string;

  @IsString()
  @MaxLength(40)
  to!: string;

  @IsString()
  @Length(1, 64)
  timeZone!: string;
}

export class BookingListQuery implements BookingListQueryPayload {
  @IsIn(['owner', 'consultant'])
  as!: BookingRoleValue;

  @IsIn(['upcoming', 'past'])
  period!: BookingListPeriod;

  @IsOptional()
  @IsUUID()
  clinicId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(BOOKING_LIST_MAX_LIMIT)
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
