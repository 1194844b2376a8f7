import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';
import { ConsultantAvailabilityRequest, ConsultantProfileRequest } from './consultant-requests';
import type { ConsultantPublicationPayload } from './consultant-publication-payloads';

export class ConsultantPublicationRequest implements ConsultantPublicationPayload {
  @IsObject()
  @ValidateNested()
  @Type(() => ConsultantProfileRequest)
  profile!: ConsultantProfileRequest;

  @IsObject()
  @ValidateNested()
  @Type(() => ConsultantAvailabilityRequest)
  availability!: ConsultantAvailabilityRequest;
}
