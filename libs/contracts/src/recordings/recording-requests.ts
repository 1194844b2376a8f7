import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { REVIEW_REASON_MAX_LENGTH, REVIEW_REASON_MIN_LENGTH, type OpenReviewPayload } from './recording-payloads';

export class OpenReviewRequest implements OpenReviewPayload {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(REVIEW_REASON_MIN_LENGTH, REVIEW_REASON_MAX_LENGTH)
  reason!: string;
}

/** A media element cannot send X-Clinic-Id: a reviewer's player names the clinic in the URL instead. */
export class RecordingMediaQuery {
  @IsOptional()
  @IsUUID()
  clinicId?: string;
}
