import type { DtlsParameters, MediaKind, RtpCapabilities, RtpParameters, TransportDirection } from './media-types';

/*
 * The shapes of media signaling requests, free of any validation library so the browser
 * can use them. The server's DTO classes (media-requests.ts) implement them and add the
 * validation rules.
 */

/** What a producer carries, so receivers can lay out camera, microphone and screen apart. */
export type MediaSource = 'camera' | 'microphone' | 'screen';

export interface CreateTransportPayload {
  direction: TransportDirection;
}

export interface ConnectTransportPayload {
  transportId: string;
  dtlsParameters: DtlsParameters;
}

export interface ProducePayload {
  transportId: string;
  kind: MediaKind;
  rtpParameters: RtpParameters;
  appData?: { source?: MediaSource };
}

export interface ConsumePayload {
  transportId: string;
  producerId: string;
  rtpCapabilities: RtpCapabilities;
  /**
   * The simulcast layer the receiver will show (from the size of its tile), so the consumer
   * starts on it: a change after the resume could miss the first key frame (see RoomMedia.consume).
   */
  preferredSpatialLayer?: number;
}

export interface ResumeConsumerPayload {
  consumerId: string;
}

export interface TransportStatePayload {
  transportId: string;
}
