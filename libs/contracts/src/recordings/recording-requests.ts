import { Transform } from 'class-transformer';
import { IsString, Length } from 'class-validator';
import { REVIEW_REASON_MAX_LENGTH, REVIEW_REASON_MIN_LENGTH, type OpenReviewPayload } from './recording-payloads';

export class OpenReviewRequest implements OpenReviewPayload {
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(REVIEW_REASON_MIN_LENGTH, REVIEW_REASON_MAX_LENGTH)
  reason!: string;
}
