import type { ChatMessageView, ErrorCode, MediaKind, MediaSource, ParticipantView, RecordingStateView, RoomClosedReason } from '@vetmeet/contracts/client';
import type { RelayReachability } from './ice-check';
import type { NetworkQuality } from './network-quality';

/**
 * Where the person is in the room flow:
 * - idle: nothing opened yet (the page asks nothing of the browser before a click);
 * - joining: the room's socket is connecting and `room:join` is on its way;
 * - password: the owner set a room password and the join needs it;
 * - lobby: in the room, still in the pre-call check;
 * - waiting: went in, and waits for the consultant to admit them (owners);
 * - live: in the call;
 * - ended: the call is over for this page (left, ended, cancelled, …);
 * - failed: the room could not be joined (outside its window, locked, …).
 */
export type CallPhase = 'idle' | 'joining' | 'password' | 'lobby' | 'waiting' | 'live' | 'ended' | 'failed';

export type SignalingStatus = 'offline' | 'connected' | 'reconnecting';

/** The media path: connecting the first time, connected, or recovering (ICE restart or rebuild). */
export type MediaStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting';

export type CallEndReason = RoomClosedReason | 'left';

export interface CallErrorView {
  code: ErrorCode | string;
  message: string;
}

/** One stream received from the other side. */
export interface RemoteMedia {
  consumerId: string;
  producerId: string;
  userId: string;
  kind: MediaKind;
  source: MediaSource;
  /** The sender muted it or turned the camera off. */
  paused: boolean;
  track: MediaStreamTrack;
  /** The simulcast layer the SFU forwards now (0 = lowest), once it says. */
  spatialLayer: number | null;
  /** How well it reaches the SFU from its sender (0–10), once scored: low means their connection, not ours. */
  senderScore: number | null;
}

/** How often the media path was recovered, and how (tests read it to tell the paths apart). */
export interface MediaRecovery {
  /** ICE restarts completed on a transport that dropped. */
  iceRestarts: number;
  /** Every transport dropped and made again: a dead path, a new media worker, a re-join. */
  mediaRebuilds: number;
}

/** What this person sends, as they chose it; it survives a rebuild of the media. */
export interface LocalMediaChoices {
  microphoneMuted: boolean;
  cameraOff: boolean;
  screenTrack: MediaStreamTrack | null;
  hasCamera: boolean;
  hasMicrophone: boolean;
}

export interface ConnectivityReport {
  /** How long the server took to answer `room:join`, in ms. */
  roundTripMs: number | null;
  relay: RelayReachability | 'checking' | 'unknown';
  candidateTypes: RTCIceCandidateType[];
}

/** Totals over the received streams, sampled every second while live (tests read them too). */
export interface ReceivedTotals {
  videoFramesDecoded: number;
  audioPacketsReceived: number;
  videoFrameWidth: number;
  videoFrameHeight: number;
}

export interface CallState {
  phase: CallPhase;
  error: CallErrorView | null;
  /** The room asked for its password (until a join succeeds). */
  passwordAsked: boolean;
  /** The last password was wrong (ROOM_PASSWORD_INVALID), rather than missing. */
  passwordRejected: boolean;
  self: ParticipantView | null;
  participants: ParticipantView[];
  admitted: boolean;
  locked: boolean;
  signaling: SignalingStatus;
  media: MediaStatus;
  connectivity: ConnectivityReport;
  local: LocalMediaChoices;
  remote: RemoteMedia[];
  activeSpeakerId: string | null;
  quality: NetworkQuality;
  qualityScore: number | null;
  recovery: MediaRecovery;
  chat: ChatMessageView[];
  /** When the call first went live, for the duration on the end screen. */
  startedAt: number | null;
  endedAt: number | null;
  endReason: CallEndReason | null;
  received: ReceivedTotals;
  /** Whether the call is recorded now, and why it last changed (everyone sees it). */
  recording: RecordingStateView;
  /** Set when the recording changed while this page was in the room: the notice read out and shown. */
  recordingChanged: boolean;
}

export const noReceivedTotals: ReceivedTotals = { videoFramesDecoded: 0, audioPacketsReceived: 0, videoFrameWidth: 0, videoFrameHeight: 0 };

export function initialCallState(): CallState {
  return {
    phase: 'idle',
    error: null,
    passwordAsked: false,
    passwordRejected: false,
    self: null,
    participants: [],
    admitted: false,
    locked: false,
    signaling: 'offline',
    media: 'idle',
    connectivity: { roundTripMs: null, relay: 'unknown', candidateTypes: [] },
    local: { microphoneMuted: false, cameraOff: false, screenTrack: null, hasCamera: false, hasMicrophone: false },
    remote: [],
    activeSpeakerId: null,
    quality: 'unknown',
    qualityScore: null,
    recovery: { iceRestarts: 0, mediaRebuilds: 0 },
    chat: [],
    startedAt: null,
    endedAt: null,
    endReason: null,
    received: noReceivedTotals,
    recording: { status: 'off', reason: null, since: null },
    recordingChanged: false,
  };
}

/** Adds messages that are not there yet (a notice and an ack may both bring one), in the order they were sent. */
export function mergeChat(current: readonly ChatMessageView[], incoming: readonly ChatMessageView[]): ChatMessageView[] {
  const known = new Set(current.map((message) => message.id));
  const added = incoming.filter((message) => !known.has(message.id));
  if (added.length === 0) return current as ChatMessageView[];
  return [...current, ...added].sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt));
}

/** The other people of the room (for a consultation, the one other party). */
export const othersOf = (state: CallState): ParticipantView[] => state.participants.filter((p) => p.userId !== state.self?.userId);

/** Owners in the waiting room, for the consultant's Admit button. */
export const waitingOwnersOf = (state: CallState): ParticipantView[] =>
  state.self?.role === 'consultant' ? othersOf(state).filter((p) => p.role === 'owner' && p.presence === 'waiting') : [];
