import type { AckCallback } from '../errors/ack';
import type { ErrorBody } from '../errors/error-codes';
import type { IceServerView } from './ice-servers';
import type {
  ConnectTransportPayload,
  ConsumePayload,
  CreateTransportPayload,
  ProducePayload,
  ResumeConsumerPayload,
  TransportStatePayload,
} from './media-payloads';
import type { ConsumerOptionsView, DtlsState, RtpCapabilities, TransportOptionsView } from './media-types';

/**
 * The development-only media loopback: one private router per socket, so a page can send
 * its camera through the SFU and receive it back. It proves the media path end to end
 * before consultations exist, and is refused in production.
 */
export const MEDIA_LOOPBACK_NAMESPACE = '/dev/media-loopback';

export const MediaLoopbackRequest = {
  GetRouterRtpCapabilities: 'media:getRouterRtpCapabilities',
  GetIceServers: 'media:getIceServers',
  CreateTransport: 'media:createTransport',
  ConnectTransport: 'media:connectTransport',
  Produce: 'media:produce',
  Consume: 'media:consume',
  ResumeConsumer: 'media:resumeConsumer',
  GetTransportState: 'media:getTransportState',
} as const;

export const MediaLoopbackNotice = {
  DtlsStateChanged: 'media:dtlsStateChanged',
  Error: 'error:unhandled',
} as const;

export interface TransportStateView {
  transportId: string;
  dtlsState: DtlsState;
  iceState: string;
}

export interface MediaLoopbackClientToServerEvents {
  'media:getRouterRtpCapabilities': (payload: Record<string, never>, ack: AckCallback<RtpCapabilities>) => void;
  /** TURN servers with fresh credentials, for the transports' `iceServers`; empty without TURN. */
  'media:getIceServers': (payload: Record<string, never>, ack: AckCallback<IceServerView[]>) => void;
  'media:createTransport': (payload: CreateTransportPayload, ack: AckCallback<TransportOptionsView>) => void;
  'media:connectTransport': (payload: ConnectTransportPayload, ack: AckCallback<{ connected: true }>) => void;
  'media:produce': (payload: ProducePayload, ack: AckCallback<{ producerId: string }>) => void;
  'media:consume': (payload: ConsumePayload, ack: AckCallback<ConsumerOptionsView>) => void;
  'media:resumeConsumer': (payload: ResumeConsumerPayload, ack: AckCallback<{ resumed: true }>) => void;
  'media:getTransportState': (payload: TransportStatePayload, ack: AckCallback<TransportStateView>) => void;
}

export interface MediaLoopbackServerToClientEvents {
  'media:dtlsStateChanged': (notice: { transportId: string; dtlsState: DtlsState }) => void;
  /** Sent when a message could not be answered through an acknowledgement (none was given). */
  'error:unhandled': (error: ErrorBody & { event: string }) => void;
}
