import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { ROOM_PASSWORD_MAX_LENGTH } from '../consultations/consultation-payloads';
import {
  CHAT_MESSAGE_MAX_LENGTH,
  type AdmitPayload,
  type JoinRoomPayload,
  type ProducerPayload,
  type RestartIcePayload,
  type SendChatMessagePayload,
  type SetPreferredLayersPayload,
  type SetRoomLockedPayload,
  type TransportPayload,
} from './room-payloads';

/*
 * Request DTOs for the consultation room. The media requests (create/connect transport,
 * produce, consume, resume consumer) reuse the classes in media/media-requests.ts.
 */

export class JoinRoomRequest implements JoinRoomPayload {
  @IsUUID()
  consultationId!: string;

  @IsOptional()
  @IsString()
  @MaxLength(ROOM_PASSWORD_MAX_LENGTH)
  password?: string;
}

export class AdmitRequest implements AdmitPayload {
  @IsUUID()
  userId!: string;
}

export class SetRoomLockedRequest implements SetRoomLockedPayload {
  @IsBoolean()
  locked!: boolean;
}

export class RestartIceRequest implements RestartIcePayload {
  @IsUUID()
  transportId!: string;
}

export class TransportRequest implements TransportPayload {
  @IsUUID()
  transportId!: string;
}

export class ProducerRequest implements ProducerPayload {
  @IsUUID()
  producerId!: string;
}

export class SetPreferredLayersRequest implements SetPreferredLayersPayload {
  @IsUUID()
  consumerId!: string;

  @IsInt()
  @Min(0)
  @Max(2)
  spatialLayer!: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2)
  temporalLayer?: number;
}

export class SendChatMessageRequest implements SendChatMessagePayload {
  @IsUUID()
  clientMessageId!: string;

  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @Length(1, CHAT_MESSAGE_MAX_LENGTH)
  text!: string;
}
