/**
 * WebRTC parameter shapes exchanged between the browser (mediasoup-client) and the SFU
 * (mediasoup). They are type-only imports, so neither side bundles the other's library.
 */
import type {
  DtlsParameters,
  IceCandidate,
  IceParameters,
  MediaKind,
  RtpCapabilities,
  RtpParameters,
  SctpParameters,
} from 'mediasoup-client/types';

export type { DtlsParameters, IceCandidate, IceParameters, MediaKind, RtpCapabilities, RtpParameters };

export type TransportDirection = 'send' | 'recv';

export interface TransportOptionsView {
  id: string;
  iceParameters: IceParameters;
  iceCandidates: IceCandidate[];
  dtlsParameters: DtlsParameters;
  sctpParameters?: SctpParameters;
}

export interface ConsumerOptionsView {
  id: string;
  producerId: string;
  kind: MediaKind;
  rtpParameters: RtpParameters;
}

export type DtlsState = 'new' | 'connecting' | 'connected' | 'failed' | 'closed';
