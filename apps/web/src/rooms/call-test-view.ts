import type { CallState } from './call-state';

/** What a browser test reads from the page: plain numbers and words, no tracks. */
export interface CallTestView {
  phase: CallState['phase'];
  admitted: boolean;
  media: CallState['media'];
  signaling: CallState['signaling'];
  quality: CallState['quality'];
  remoteKinds: string[];
  /** The other side's producers this page consumes: new ones after they (or this page) reconnected. */
  remoteProducerIds: string[];
  videoFramesDecoded: number;
  audioPacketsReceived: number;
  remoteVideoWidth: number;
  chatMessages: number;
  /** How the media path recovered (CallMedia): ICE restarts, and full rebuilds of the transports. */
  iceRestarts: number;
  mediaRebuilds: number;
  error?: { code: string; message: string };
}

declare global {
  interface Window {
    /** Read by end-to-end tests in a real browser; replaced, never mutated, on every change. */
    __vetmeetCall?: CallTestView;
  }
}

export function exposeCallForTests(state: CallState): void {
  window.__vetmeetCall = {
    phase: state.phase,
    admitted: state.admitted,
    media: state.media,
    signaling: state.signaling,
    quality: state.quality,
    remoteKinds: state.remote.map((remote) => `${remote.source}:${remote.kind}`),
    remoteProducerIds: state.remote.map((remote) => remote.producerId),
    videoFramesDecoded: state.received.videoFramesDecoded,
    audioPacketsReceived: state.received.audioPacketsReceived,
    remoteVideoWidth: state.received.videoFrameWidth,
    chatMessages: state.chat.length,
    iceRestarts: state.recovery.iceRestarts,
    mediaRebuilds: state.recovery.mediaRebuilds,
    ...(state.error ? { error: state.error } : {}),
  };
}
