import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmptyObject, IsObject, IsOptional, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import type {
  ConnectTransportPayload,
  ConsumePayload,
  CreateTransportPayload,
  MediaSource,
  ProducePayload,
  ResumeConsumerPayload,
  TransportStatePayload,
} from './media-payloads';
import type { DtlsParameters, MediaKind, RtpCapabilities, RtpParameters, TransportDirection } from './media-types';

/*
 * Request DTOs for media signaling. The nested WebRTC parameter objects are checked for
 * shape here and deeply by mediasoup itself, which rejects anything it cannot use; both
 * failures reach the client as error codes.
 */

export class CreateTransportRequest implements CreateTransportPayload {
  @IsIn(['send', 'recv'])
  direction!: TransportDirection;
}

export class ConnectTransportRequest implements ConnectTransportPayload {
  @IsUUID()
  transportId!: string;

  @IsObject()
  @IsNotEmptyObject()
  dtlsParameters!: DtlsParameters;
}

class ProduceAppData {
  @IsOptional()
  @IsIn(['camera', 'microphone', 'screen'] satisfies MediaSource[])
  source?: MediaSource;
}

export class ProduceRequest implements ProducePayload {
  @IsUUID()
  transportId!: string;

  @IsIn(['audio', 'video'])
  kind!: MediaKind;

  @IsObject()
  @IsNotEmptyObject()
  rtpParameters!: RtpParameters;

  @IsOptional()
  @ValidateNested()
  @Type(() => ProduceAppData)
  appData?: ProduceAppData;
}

export class ConsumeRequest implements ConsumePayload {
  @IsUUID()
  transportId!: string;

  @IsUUID()
  producerId!: string;

  @IsObject()
  @IsNotEmptyObject()
  rtpCapabilities!: RtpCapabilities;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2)
  preferredSpatialLayer?: number;
}

export class ResumeConsumerRequest implements ResumeConsumerPayload {
  @IsUUID()
  consumerId!: string;
}

export class TransportStateRequest implements TransportStatePayload {
  @IsUUID()
  transportId!: string;
}
