import type { DtlsState } from '@vetmeet/contracts/client';
import type { ConnectionState } from 'mediasoup-client/types';
import type { MediaCheckErrorView } from './media-check-error';

export type MediaCheckPhase = 'idle' | 'connecting' | 'live' | 'error';

/** Everything the page shows about the check, plain data so tests can read it too. */
export interface MediaCheckState {
  phase: MediaCheckPhase;
  /** DTLS state per transport id, as the server reports it with `media:dtlsStateChanged`. */
  serverDtlsStates: Record<string, DtlsState | string>;
  /** The browser's own view of each transport's connection. */
  clientConnectionStates: Record<string, ConnectionState>;
  /** Per transport id, the local candidate type of the pair ICE selected: "relay" when through TURN. */
  selectedCandidateTypes: Record<string, RTCIceCandidateType>;
  sendTransportId: string | null;
  recvTransportId: string | null;
  videoFramesDecoded: number;
  audioPacketsReceived: number;
  remoteVideoWidth: number;
  remoteVideoHeight: number;
  error?: MediaCheckErrorView;
}

export function idleMediaCheckState(): MediaCheckState {
  return {
    phase: 'idle',
    serverDtlsStates: {},
    clientConnectionStates: {},
    selectedCandidateTypes: {},
    sendTransportId: null,
    recvTransportId: null,
    videoFramesDecoded: 0,
    audioPacketsReceived: 0,
    remoteVideoWidth: 0,
    remoteVideoHeight: 0,
  };
}

declare global {
  interface Window {
    /** Read by end-to-end tests in a real browser; replaced, never mutated, on every change. */
    __vetmeetMediaCheck?: MediaCheckState;
  }
}

export function exposeForTests(state: MediaCheckState): void {
  window.__vetmeetMediaCheck = state;
}
