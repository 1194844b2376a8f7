import {
  CHAT_MESSAGE_MAX_LENGTH,
  ErrorCode,
  type ChatMessageView,
  type IceServerView,
  type JoinRoomView,
  type RecordingReadinessView,
  type RecordingStateView,
  type RoomClosedReason,
  type RtpCapabilities,
} from '@vetmeet/contracts/client';
import { ApiError } from '../api/api-error';
import { CallMedia, type LocalTracks } from './call-media';
import { initialCallState, mergeChat, type CallEndReason, type CallState } from './call-state';
import { checkIceCandidates } from './ice-check';
import { isSignalingLoss, RoomSignaling } from './room-signaling';

const STATS_INTERVAL_MS = 1_000;
/** Leaving or ending should not hang the page when the server is gone. */
const GOODBYE_TIMEOUT_MS = 3_000;

/** Join answers that close the room for good rather than asking for something. */
const CLOSING_CODES: Partial<Record<ErrorCode, RoomClosedReason>> = {
  [ErrorCode.ConsultationClosed]: 'ended',
  [ErrorCode.JoinWindowClosed]: 'window_closed',
};

export interface CallSessionOptions {
  /** Media only through the TURN relay (iceTransportPolicy "relay"): the room page's `?relay=1`. */
  relayOnly?: boolean;
}

/**
 * One person's visit to a consultation's room, in plain TypeScript: the room's socket and
 * its reconnection, joining (with the room password when asked), the waiting room and
 * admission, the presence list, chat, and the call's media (CallMedia). React components
 * read its state through subscribe/getSnapshot (useSyncExternalStore) and call its methods;
 * it never touches the DOM.
 *
 * Recovery needs nobody to click: socket.io reconnects and the session joins again (the
 * server keeps the person's place) and then rebuilds the media, since notices sent while
 * the socket was down are lost; transports recover by themselves (CallMedia).
 */
export class CallSession {
  private state: CallState = initialCallState();
  private readonly listeners = new Set<() => void>();
  private signaling: RoomSignaling | null = null;
  private media: CallMedia | null = null;
  private password: string | undefined;
  private entered = false;
  private hasJoined = false;
  private tracks: LocalTracks = { camera: null, microphone: null };
  private routerRtpCapabilities: RtpCapabilities | null = null;
  /** The simulcast layer the other person's camera tile wants, once it has been laid out. */
  private cameraLayer: number | null = null;
  private iceServers: IceServerView[] = [];
  private statsTimer: number | undefined;
  private readingStats = false;
  private disposed = false;

  constructor(
    private readonly consultationId: string,
    private readonly options: CallSessionOptions = {},
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): CallState => this.state;

  /** Opens the room's socket (the first time) and joins; again with the room password when the room asks for one. */
  join(password?: string): void {
    if (this.isOver()) return;
    if (password !== undefined) this.password = password;
    this.update({ phase: 'joining', error: null });
    if (!this.signaling) {
      this.signaling = new RoomSignaling();
      this.listen(this.signaling);
      this.signaling.connect();
    } else if (this.signaling.connected) {
      void this.sendJoin();
    }
  }

  /** The person pressed "Join": into the call if admitted, otherwise into the waiting room. */
  enter(tracks: LocalTracks): void {
    if (this.entered || !this.hasJoined) return;
    this.entered = true;
    this.tracks = tracks;
    this.update({ local: { ...this.state.local, hasCamera: tracks.camera !== null, hasMicrophone: tracks.microphone !== null } });
    if (this.state.admitted) this.goLive();
    else this.update({ phase: 'waiting' });
  }

  /** Consultant: lets a waiting owner in. Rejects with the server's ApiError. */
  async admit(userId: string): Promise<void> {
    await this.requireSignaling().request('room:admit', { userId });
  }

  async setLocked(locked: boolean): Promise<void> {
    const answer = await this.requireSignaling().request('room:setLocked', { locked });
    this.update({ locked: answer.locked });
  }

  /** Consultant: starts recording (everyone in the call must have consented). Rejects with the server's ApiError. */
  async startRecording(): Promise<void> {
    this.recordingChanged(await this.requireSignaling().request('recording:start', {}));
  }

  async stopRecording(): Promise<void> {
    this.recordingChanged(await this.requireSignaling().request('recording:stop', {}));
  }

  async resumeRecording(): Promise<void> {
    this.recordingChanged(await this.requireSignaling().request('recording:resume', {}));
  }

  /** Consultant: whether Start would pass the consent check now, and if not, whose consent is missing. */
  recordingReadiness(): Promise<RecordingReadinessView> {
    return this.requireSignaling().request('recording:readiness', {});
  }

  /** Sends a chat message; resolves once the server stored it. */
  async sendChat(text: string): Promise<void> {
    const trimmed = text.trim();
    if (!trimmed || trimmed.length > CHAT_MESSAGE_MAX_LENGTH) return;
    const message = await this.requireSignaling().request('chat:send', { clientMessageId: crypto.randomUUID(), text: trimmed });
    this.addChat([message]);
  }

  /** A file shared over HTTP comes back as a chat message; the room's notice may bring it too. */
  addChat(messages: readonly ChatMessageView[]): void {
    const chat = mergeChat(this.state.chat, messages);
    if (chat !== this.state.chat) this.update({ chat });
  }

  /** The person chose another camera or microphone in the call: it is sent instead, and kept for a rebuild. */
  async replaceLocalTracks(tracks: LocalTracks): Promise<void> {
    this.tracks = tracks;
    this.update({ local: { ...this.state.local, hasCamera: tracks.camera !== null, hasMicrophone: tracks.microphone !== null } });
    await this.media?.replaceTracks(tracks);
  }

  setMicrophoneMuted(muted: boolean): Promise<void> {
    return this.media?.setMicrophoneMuted(muted) ?? Promise.resolve();
  }

  setCameraOff(off: boolean): Promise<void> {
    return this.media?.setCameraOff(off) ?? Promise.resolve();
  }

  /** Asks the browser for a screen, window or tab (call it from a click) and sends it beside the camera. */
  async startScreenShare(): Promise<void> {
    if (!this.media) return;
    const stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: 15 }, audio: false });
    const [track] = stream.getVideoTracks();
    if (!track) return;
    if (!this.media || this.disposed) {
      track.stop();
      return;
    }
    await this.media.startScreenShare(track);
  }

  stopScreenShare(): Promise<void> {
    return this.media?.stopScreenShare() ?? Promise.resolve();
  }

  /** The layer for the other person's camera, from its tile's size; consumerId null before their video arrived. */
  setPreferredLayer(consumerId: string | null, spatialLayer: number): void {
    this.cameraLayer = spatialLayer;
    if (consumerId) this.media?.setPreferredLayer(consumerId, spatialLayer);
  }

  /** Leaves the room; the other side sees this person gone. */
  async leave(): Promise<void> {
    const signaling = this.signaling;
    if (signaling?.connected && this.hasJoined) await signaling.request('room:leave', {}, GOODBYE_TIMEOUT_MS).catch(() => undefined);
    this.finish('left');
  }

  /** Consultant: ends the consultation for everyone. Rejects with the server's ApiError, and the call goes on. */
  async end(): Promise<void> {
    await this.requireSignaling().request('room:end', {}, GOODBYE_TIMEOUT_MS);
    this.finish('ended');
  }

  /** The page went away: leave without waiting for an answer, and close everything. */
  dispose(): void {
    if (this.disposed) return;
    if (this.hasJoined && this.state.phase !== 'ended') this.signaling?.notify('room:leave', {});
    this.release();
    this.disposed = true;
  }

  // The socket.

  private listen(signaling: RoomSignaling): void {
    const { socket } = signaling;
    socket.on('connect', () => {
      this.update({ signaling: 'connected' });
      if (!this.hasJoined) void this.measureRoundTrip(signaling);
      void this.sendJoin();
    });
    socket.on('disconnect', (reason) => {
      if (this.isOver()) return;
      this.update({ signaling: 'reconnecting' });
      // The server closed this socket (not a network loss): socket.io will not retry by itself.
      if (reason === 'io server disconnect') signaling.connect();
    });
    socket.on('connect_error', (error: Error & { data?: { code?: unknown; message?: unknown } }) => {
      // Still active: the server could not be reached, and socket.io tries again by itself.
      if (socket.active || this.isOver()) return;
      const code = typeof error.data?.code === 'string' ? error.data.code : ErrorCode.ServiceUnavailable;
      this.fail({ code, message: typeof error.data?.message === 'string' ? error.data.message : error.message });
    });

    socket.on('room:participants', ({ participants }) => {
      const self = this.state.self ? (participants.find((p) => p.userId === this.state.self?.userId) ?? this.state.self) : null;
      this.update({ participants, self });
    });
    socket.on('room:admitted', ({ rtpCapabilities }) => {
      this.routerRtpCapabilities = rtpCapabilities;
      this.update({ admitted: true });
      void this.loadChatHistory();
      if (this.entered) this.goLive();
    });
    socket.on('room:lockChanged', ({ locked }) => this.update({ locked }));
    socket.on('room:closed', ({ reason }) => this.finish(reason));
    socket.on('room:mediaReset', ({ rtpCapabilities }) => {
      this.routerRtpCapabilities = rtpCapabilities;
      this.media?.rebuild({ routerRtpCapabilities: rtpCapabilities, immediate: true });
    });
    socket.on('room:activeSpeaker', ({ userId }) => this.update({ activeSpeakerId: userId }));
    socket.on('media:newProducer', (notice) => this.media?.onNewProducer(notice));
    socket.on('media:producerClosed', ({ producerId }) => this.media?.onProducerClosed(producerId));
    socket.on('media:producerPaused', ({ producerId }) => this.media?.onProducerPaused(producerId, true));
    socket.on('media:producerResumed', ({ producerId }) => this.media?.onProducerPaused(producerId, false));
    socket.on('media:consumerClosed', ({ consumerId }) => this.media?.onConsumerClosed(consumerId));
    socket.on('media:consumerScore', (notice) => this.media?.onConsumerScore(notice));
    socket.on('media:producerScore', (notice) => this.media?.onProducerScore(notice));
    socket.on('media:consumerLayers', (notice) => this.media?.onConsumerLayers(notice));
    socket.on('chat:message', (message) => this.addChat([message]));
    socket.on('recording:state', (view) => this.recordingChanged(view));
    socket.on('error:unhandled', (error) => console.warn('room: unanswered server error', error.event, error.code));
  }

  private async sendJoin(): Promise<void> {
    const signaling = this.signaling;
    if (!signaling || this.isOver()) return;
    const rejoining = this.hasJoined;
    try {
      const view = await signaling.request('room:join', { consultationId: this.consultationId, ...(this.password !== undefined ? { password: this.password } : {}) });
      if (this.isOver()) return;
      this.joined(view, rejoining);
    } catch (error) {
      if (this.isOver() || isSignalingLoss(error)) return;
      this.joinRefused(error, rejoining);
    }
  }

  private joined(view: JoinRoomView, rejoining: boolean): void {
    this.hasJoined = true;
    this.iceServers = view.iceServers;
    if (view.rtpCapabilities) this.routerRtpCapabilities = view.rtpCapabilities;
    // Admitted and in: the call goes on (or goLive below starts it).
    const phase = !this.entered ? 'lobby' : view.admitted ? this.state.phase : 'waiting';
    this.update({
      phase,
      error: null,
      passwordAsked: false,
      passwordRejected: false,
      self: view.self,
      participants: view.participants,
      admitted: view.admitted,
      locked: view.locked,
      recording: view.recording,
      // Coming into a call that is being recorded is told as a change too: the notice says so.
      recordingChanged: this.state.recordingChanged || view.recording.status === 'recording' || view.recording.status === 'paused',
      ...(rejoining ? {} : { connectivity: { ...this.state.connectivity, relay: 'checking' } }),
    });
    if (!rejoining) void this.checkConnectivity(view.iceServers);
    if (view.admitted) void this.loadChatHistory();

    if (!view.admitted) {
      // The place was not kept: back to the waiting room until admitted again.
      this.stopMedia();
      return;
    }
    if (this.media) {
      // Notices sent while the socket was down are lost: new transports make the server announce everything again.
      this.media.rebuild({ routerRtpCapabilities: this.routerRtpCapabilities ?? undefined, immediate: true });
    } else if (this.entered) {
      this.goLive();
    }
  }

  private joinRefused(error: unknown, rejoining: boolean): void {
    const code = error instanceof ApiError ? error.code : ErrorCode.Internal;
    const message = error instanceof Error ? error.message : String(error);
    if (code === ErrorCode.RoomPasswordRequired || code === ErrorCode.RoomPasswordInvalid) {
      this.update({ phase: 'password', passwordAsked: true, passwordRejected: code === ErrorCode.RoomPasswordInvalid, error: null });
      return;
    }
    const closedReason = CLOSING_CODES[code];
    if (rejoining && closedReason) {
      this.finish(closedReason);
      return;
    }
    // A wrong password asked too often answers RATE_LIMITED: stay on the password form and say so.
    if (code === ErrorCode.RateLimited && this.password !== undefined && !rejoining) {
      this.update({ phase: 'password', error: { code, message } });
      return;
    }
    this.fail({ code, message });
  }

  /** A notice and the request's answer may both bring the same change: told once. */
  private recordingChanged(view: RecordingStateView): void {
    const current = this.state.recording;
    if (current.status === view.status && current.since === view.since) return;
    this.update({ recording: view, recordingChanged: true });
  }

  private goLive(): void {
    if (this.media || !this.routerRtpCapabilities || !this.signaling) return;
    this.media = new CallMedia({
      signaling: this.signaling,
      routerRtpCapabilities: this.routerRtpCapabilities,
      iceServers: this.iceServers,
      relayOnly: this.options.relayOnly ?? false,
      tracks: this.tracks,
      cameraLayer: () => this.cameraLayer,
      onChange: () => this.syncMedia(),
    });
    this.update({ phase: 'live', startedAt: this.state.startedAt ?? Date.now() });
    this.media.start();
    window.clearInterval(this.statsTimer);
    this.statsTimer = window.setInterval(() => void this.sampleReceived(), STATS_INTERVAL_MS);
  }

  private stopMedia(): void {
    window.clearInterval(this.statsTimer);
    this.statsTimer = undefined;
    this.media?.close();
    this.media = null;
    this.syncMedia();
  }

  private syncMedia(): void {
    const media = this.media?.snapshot();
    this.update({
      media: media?.status ?? 'idle',
      remote: media?.remote ?? [],
      quality: media?.quality ?? 'unknown',
      qualityScore: media?.qualityScore ?? null,
      recovery: media?.recovery ?? this.state.recovery,
      local: {
        ...this.state.local,
        microphoneMuted: media?.microphoneMuted ?? this.state.local.microphoneMuted,
        cameraOff: media?.cameraOff ?? this.state.local.cameraOff,
        screenTrack: media?.screenTrack ?? null,
      },
    });
  }

  private async loadChatHistory(): Promise<void> {
    try {
      this.addChat(await this.requireSignaling().request('chat:history', {}));
    } catch (error) {
      if (!isSignalingLoss(error)) console.warn('room: chat history not loaded', error instanceof ApiError ? error.code : error);
    }
  }

  /** The pre-call check's signaling round trip: `room:ping` answers at once, joined or not. */
  private async measureRoundTrip(signaling: RoomSignaling): Promise<void> {
    const started = performance.now();
    try {
      await signaling.request('room:ping', {});
      const roundTripMs = Math.round(performance.now() - started);
      this.update({ connectivity: { ...this.state.connectivity, roundTripMs } });
    } catch (error) {
      if (!isSignalingLoss(error)) console.warn('room: ping failed', error instanceof ApiError ? error.code : error);
    }
  }

  private async checkConnectivity(iceServers: IceServerView[]): Promise<void> {
    try {
      const { relay, candidateTypes } = await checkIceCandidates(iceServers);
      if (!this.disposed) this.update({ connectivity: { ...this.state.connectivity, relay, candidateTypes } });
    } catch (error) {
      console.warn('room: connectivity check failed', error);
      if (!this.disposed) this.update({ connectivity: { ...this.state.connectivity, relay: 'unknown' } });
    }
  }

  private async sampleReceived(): Promise<void> {
    if (!this.media || this.readingStats) return;
    this.readingStats = true;
    try {
      const received = await this.media.readReceived();
      if (this.media) this.update({ received });
    } catch {
      // A sample can race with a rebuild; the next one settles it.
    } finally {
      this.readingStats = false;
    }
  }

  // Endings.

  private finish(reason: CallEndReason): void {
    if (this.isOver()) return;
    this.release();
    this.update({ phase: 'ended', endReason: reason, endedAt: Date.now(), signaling: 'offline' });
  }

  private fail(error: { code: string; message: string }): void {
    if (this.isOver()) return;
    this.release();
    this.update({ phase: 'failed', error, signaling: 'offline' });
  }

  private release(): void {
    this.stopMedia();
    this.signaling?.close();
    this.signaling = null;
  }

  private isOver(): boolean {
    return this.disposed || this.state.phase === 'ended' || this.state.phase === 'failed';
  }

  private requireSignaling(): RoomSignaling {
    if (!this.signaling) throw new ApiError(ErrorCode.ServiceUnavailable, 'Not connected to the room', 0);
    return this.signaling;
  }

  private update(patch: Partial<CallState>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
