import type { ConnectionState } from 'mediasoup-client/types';

/** A dropped connection often comes back by itself (a Wi-Fi hiccup); after this long, ask for new ICE credentials. */
export const ICE_RESTART_DELAY_MS = 2_000;
/** Not connected this long after a drop (or since it started connecting): give up on the transport and rebuild the media. */
export const RECONNECT_DEADLINE_MS = 10_000;

export interface WatchdogActions {
  /** Ask the server for new ICE parameters and restart ICE on this transport. */
  restartIce(): void;
  /** Drop every transport and produce and consume again. */
  rebuild(): void;
}

/**
 * Watches one transport's connection state and decides how to recover, without anyone
 * clicking anything:
 * - `disconnected`: wait ICE_RESTART_DELAY_MS, then restart ICE once;
 * - `failed`, or not `connected` within RECONNECT_DEADLINE_MS of a drop or of starting to
 *   connect: rebuild.
 * "Starting to connect" is the transport's first produce or consume (onConnectStarted), not
 * a state: a relay-only browser whose TURN server cannot be reached gathers no candidate, and
 * its transport stays `new` for good. Without that deadline a rebuild made during an outage
 * longer than Chromium's TURN retries (under a minute) would never connect, nor be retried.
 * It only decides; the actions do the work.
 */
export class TransportWatchdog {
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private deadlineTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(private readonly actions: WatchdogActions) {}

  onStateChange(state: ConnectionState): void {
    if (this.disposed) return;
    switch (state) {
      case 'connected':
        this.clear();
        break;
      case 'disconnected':
        this.restartTimer ??= setTimeout(() => {
          this.restartTimer = undefined;
          this.actions.restartIce();
        }, ICE_RESTART_DELAY_MS);
        this.startDeadline();
        break;
      case 'connecting':
        this.startDeadline();
        break;
      case 'failed':
        this.clear();
        this.actions.rebuild();
        break;
      case 'new':
        // Not connected either: a deadline already running keeps running.
        break;
      case 'closed':
        this.clear();
        break;
    }
  }

  /** The transport sent its first offer or answer (mediasoup-client's `connect`): from now on it must connect in time. */
  onConnectStarted(): void {
    if (!this.disposed) this.startDeadline();
  }

  dispose(): void {
    this.disposed = true;
    this.clear();
  }

  private startDeadline(): void {
    this.deadlineTimer ??= setTimeout(() => {
      this.deadlineTimer = undefined;
      clearTimeout(this.restartTimer);
      this.restartTimer = undefined;
      this.actions.rebuild();
    }, RECONNECT_DEADLINE_MS);
  }

  private clear(): void {
    clearTimeout(this.restartTimer);
    clearTimeout(this.deadlineTimer);
    this.restartTimer = undefined;
    this.deadlineTimer = undefined;
  }
}
