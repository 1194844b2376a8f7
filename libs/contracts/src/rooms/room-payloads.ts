import type { ConsultationRoleValue, ConsultationStatusValue } from '../consultations/consultation-payloads';
import type { IceServerView } from '../media/ice-servers';
import type { MediaSource } from '../media/media-payloads';
import type { MediaKind, RtpCapabilities, RtpParameters } from '../media/media-types';
import type { RecordingStateView } from './recording-payloads';

/*
 * The consultation room's signaling shapes, free of any validation library so the browser
 * can use them. The server's DTO classes (room-requests.ts) implement them.
 */

export interface JoinRoomPayload {
  consultationId: string;
  /** Asked for when the owner set a room password; ignored otherwise. */
  password?: string;
}

export interface AdmitPayload {
  userId: string;
}

export interface SetRoomLockedPayload {
  locked: boolean;
}

export interface RestartIcePayload {
  transportId: string;
}

/** One of the caller's own transports (closing it closes what it carries). */
export interface TransportPayload {
  transportId: string;
}

export interface ProducerPayload {
  producerId: string;
}

export interface SetPreferredLayersPayload {
  consumerId: string;
  /** 0 = the lowest simulcast layer. The SFU still drops lower when the receiver's bandwidth asks for it. */
  spatialLayer: number;
  temporalLayer?: number;
}

export interface SendChatMessagePayload {
  /** Chosen by the client: sending the same id twice (a retry after a drop) stores one message. */
  clientMessageId: string;
  text: string;
}

/**
 * Where a participant is: not here, in the waiting room (owners, until admitted), in the
 * call, or in the call with a dropped connection that still holds their place.
 */
export type PresenceState = 'absent' | 'waiting' | 'in_call' | 'reconnecting';

export interface ParticipantView {
  userId: string;
  displayName: string;
  role: ConsultationRoleValue;
  presence: PresenceState;
}

export interface JoinRoomView {
  consultationId: string;
  status: ConsultationStatusValue;
  endsAt: string;
  self: ParticipantView;
  participants: ParticipantView[];
  /** False while the owner waits for the consultant; media requests answer NOT_ADMITTED until then. */
  admitted: boolean;
  locked: boolean;
  /** The SFU router's capabilities, once admitted (null in the waiting room). */
  rtpCapabilities: RtpCapabilities | null;
  /** Time-limited TURN credentials for restrictive networks (empty when no TURN is configured). */
  iceServers: IceServerView[];
  /** Whether the call is being recorded now: a late joiner sees the indicator at once. */
  recording: RecordingStateView;
}

export interface AdmittedNotice {
  rtpCapabilities: RtpCapabilities;
}

export type RoomClosedReason = 'ended' | 'window_closed' | 'joined_elsewhere' | 'cancelled';

export interface RoomClosedNotice {
  reason: RoomClosedReason;
}

/** The media of the room moved (its media worker restarted): make new transports, produce and consume again. */
export interface MediaResetNotice {
  rtpCapabilities: RtpCapabilities;
}

export interface NewProducerNotice {
  producerId: string;
  userId: string;
  kind: MediaKind;
  source: MediaSource;
  paused: boolean;
}

export interface ConsumerView {
  id: string;
  producerId: string;
  userId: string;
  kind: MediaKind;
  source: MediaSource;
  rtpParameters: RtpParameters;
  /** Whether the sender has paused it (muted, camera off). */
  producerPaused: boolean;
}

/** mediasoup's 0–10 scores: how well media flows from the sender to the SFU and on to this receiver. */
export interface ConsumerScoreNotice {
  consumerId: string;
  score: number;
  producerScore: number;
}

export interface ProducerScoreNotice {
  producerId: string;
  /** The lowest score over the producer's streams (simulcast layers). */
  score: number;
}

export interface ConsumerLayersNotice {
  consumerId: string;
  spatialLayer: number | null;
  temporalLayer: number | null;
}

export interface ChatAttachmentView {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

export interface ChatMessageView {
  id: string;
  consultationId: string;
  clientMessageId: string;
  sender: { userId: string; displayName: string; role: ConsultationRoleValue };
  text: string | null;
  attachment: ChatAttachmentView | null;
  sentAt: string;
}

/** Longest chat message, in characters. */
export const CHAT_MESSAGE_MAX_LENGTH = 4_000;
