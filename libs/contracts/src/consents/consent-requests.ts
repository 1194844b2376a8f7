import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import {
  CONSENT_PURPOSE_PATHS,
  type BookingConsentsPayload,
  type ConsentPurposePath,
  type SetConsentPayload,
} from './consent-payloads';

export class SetConsentRequest implements SetConsentPayload {
  @IsBoolean()
  granted!: boolean;
}

/** PUT /consultations/:id/consents/:purpose */
export class ConsentRouteParams {
  @IsUUID()
  id!: string;

  @IsIn(CONSENT_PURPOSE_PATHS)
  purpose!: ConsentPurposePath;
}

export class BookingConsentsRequest implements BookingConsentsPayload {
  @IsOptional()
  @IsBoolean()
  recording?: boolean;

  @IsOptional()
  @IsBoolean()
  supportReview?: boolean;
}
