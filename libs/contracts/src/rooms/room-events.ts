import type { AckCallback } from '../errors/ack';
import type { ErrorBody } from '../errors/error-codes';
import type { ConnectTransportPayload, ConsumePayload, CreateTransportPayload, ProducePayload, ResumeConsumerPayload } from '../media/media-payloads';
import type { IceParameters, TransportOptionsView } from '../media/media-types';
import type {
  AdmitPayload,
  AdmittedNotice,
  ChatMessageView,
  ConsumerLayersNotice,
  ConsumerScoreNotice,
  ConsumerView,
  JoinRoomPayload,
  JoinRoomView,
  MediaResetNotice,
  NewProducerNotice,
  ParticipantView,
  ProducerPayload,
  ProducerScoreNotice,
  RestartIcePayload,
  RoomClosedNotice,
  SendChatMessagePayload,
  SetPreferredLayersPayload,
  SetRoomLockedPayload,
  TransportPayload,
} from './room-payloads';
import type { RecordingReadinessView, RecordingStateView } from './recording-payloads';

/**
 * A consultation's room: authenticated on connect from the session cookie. A socket joins
 * one consultation (room:join) and from then on speaks for its person in that room. Every
 * request is answered through its acknowledgement with a result or an error code.
 */
export const ROOM_NAMESPACE = '/consultation-room';

export const RoomRequest = {
  Ping: 'room:ping',
  Join: 'room:join',
  Admit: 'room:admit',
  SetLocked: 'room:setLocked',
  Leave: 'room:leave',
  End: 'room:end',
  CreateTransport: 'media:createTransport',
  ConnectTransport: 'media:connectTransport',
  RestartIce: 'media:restartIce',
  CloseTransport: 'media:closeTransport',
  Produce: 'media:produce',
  CloseProducer: 'media:closeProducer',
  PauseProducer: 'media:pauseProducer',
  ResumeProducer: 'media:resumeProducer',
  Consume: 'media:consume',
  ResumeConsumer: 'media:resumeConsumer',
  SetPreferredLayers: 'media:setPreferredLayers',
  SendChatMessage: 'chat:send',
  ChatHistory: 'chat:history',
  StartRecording: 'recording:start',
  StopRecording: 'recording:stop',
  ResumeRecording: 'recording:resume',
  RecordingReadiness: 'recording:readiness',
} as const;

export const RoomNotice = {
  Participants: 'room:participants',
  Admitted: 'room:admitted',
  LockChanged: 'room:lockChanged',
  Closed: 'room:closed',
  MediaReset: 'room:mediaReset',
  ActiveSpeaker: 'room:activeSpeaker',
  NewProducer: 'media:newProducer',
  ProducerClosed: 'media:producerClosed',
  ProducerPaused: 'media:producerPaused',
  ProducerResumed: 'media:producerResumed',
  ConsumerClosed: 'media:consumerClosed',
  ConsumerScore: 'media:consumerScore',
  ProducerScore: 'media:producerScore',
  ConsumerLayers: 'media:consumerLayers',
  ChatMessage: 'chat:message',
  RecordingState: 'recording:state',
  Error: 'error:unhandled',
} as const;

type Empty = Record<string, never>;

export interface RoomClientToServerEvents {
  /** Answers at once, joined or not: the pre-call check measures the signaling round trip with it. */
  'room:ping': (payload: Empty, ack: AckCallback<{ serverTime: string }>) => void;
  'room:join': (payload: JoinRoomPayload, ack: AckCallback<JoinRoomView>) => void;
  'room:admit': (payload: AdmitPayload, ack: AckCallback<{ admitted: true }>) => void;
  'room:setLocked': (payload: SetRoomLockedPayload, ack: AckCallback<{ locked: boolean }>) => void;
  'room:leave': (payload: Empty, ack: AckCallback<{ left: true }>) => void;
  'room:end': (payload: Empty, ack: AckCallback<{ ended: true }>) => void;
  'media:createTransport': (payload: CreateTransportPayload, ack: AckCallback<TransportOptionsView>) => void;
  'media:connectTransport': (payload: ConnectTransportPayload, ack: AckCallback<{ connected: true }>) => void;
  'media:restartIce': (payload: RestartIcePayload, ack: AckCallback<{ iceParameters: IceParameters }>) => void;
  /** Closes one of the caller's transports, and so its producers and consumers: the others see what it sent end. */
  'media:closeTransport': (payload: TransportPayload, ack: AckCallback<{ closed: true }>) => void;
  'media:produce': (payload: ProducePayload, ack: AckCallback<{ producerId: string }>) => void;
  'media:closeProducer': (payload: ProducerPayload, ack: AckCallback<{ closed: true }>) => void;
  'media:pauseProducer': (payload: ProducerPayload, ack: AckCallback<{ paused: true }>) => void;
  'media:resumeProducer': (payload: ProducerPayload, ack: AckCallback<{ resumed: true }>) => void;
  'media:consume': (payload: ConsumePayload, ack: AckCallback<ConsumerView>) => void;
  'media:resumeConsumer': (payload: ResumeConsumerPayload, ack: AckCallback<{ resumed: true }>) => void;
  'media:setPreferredLayers': (payload: SetPreferredLayersPayload, ack: AckCallback<{ set: true }>) => void;
  'chat:send': (payload: SendChatMessagePayload, ack: AckCallback<ChatMessageView>) => void;
  'chat:history': (payload: Empty, ack: AckCallback<ChatMessageView[]>) => void;
  /** The consultant only; CONSENT_MISSING unless everyone in the call has a standing recording consent. */
  'recording:start': (payload: Empty, ack: AckCallback<RecordingStateView>) => void;
  'recording:stop': (payload: Empty, ack: AckCallback<RecordingStateView>) => void;
  /** After a pause (someone joined without consent): the same checks as a start. */
  'recording:resume': (payload: Empty, ack: AckCallback<RecordingStateView>) => void;
  /** The consultant only: whether a start would pass the consent check now. */
  'recording:readiness': (payload: Empty, ack: AckCallback<RecordingReadinessView>) => void;
}

export interface RoomServerToClientEvents {
  /** Everyone's presence, whole, after every change. */
  'room:participants': (notice: { participants: ParticipantView[] }) => void;
  'room:admitted': (notice: AdmittedNotice) => void;
  'room:lockChanged': (notice: { locked: boolean }) => void;
  'room:closed': (notice: RoomClosedNotice) => void;
  'room:mediaReset': (notice: MediaResetNotice) => void;
  /** Who is speaking loudest now; null after a while of silence. */
  'room:activeSpeaker': (notice: { userId: string | null }) => void;
  'media:newProducer': (notice: NewProducerNotice) => void;
  'media:producerClosed': (notice: { producerId: string }) => void;
  'media:producerPaused': (notice: { producerId: string }) => void;
  'media:producerResumed': (notice: { producerId: string }) => void;
  'media:consumerClosed': (notice: { consumerId: string }) => void;
  'media:consumerScore': (notice: ConsumerScoreNotice) => void;
  'media:producerScore': (notice: ProducerScoreNotice) => void;
  'media:consumerLayers': (notice: ConsumerLayersNotice) => void;
  'chat:message': (message: ChatMessageView) => void;
  /** The recording started, paused, resumed or stopped, and why. */
  'recording:state': (notice: RecordingStateView) => void;
  'error:unhandled': (error: ErrorBody & { event: string }) => void;
}
