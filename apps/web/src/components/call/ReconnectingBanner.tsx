import type { MediaStatus, SignalingStatus } from '../../rooms/call-state';

/** Shown while the connection to the room or the media path is being restored; nothing to click. */
export function ReconnectingBanner({ signaling, media }: { signaling: SignalingStatus; media: MediaStatus }) {
  const reconnecting = signaling === 'reconnecting' || media === 'reconnecting';
  return (
    <div role="status" className="status-region">
      {reconnecting && (
        <p className="notice notice-warn call-reconnecting" data-testid="reconnecting">
          <span className="spinner" aria-hidden="true" /> Reconnecting… The call continues by itself once the connection is back.
        </p>
      )}
    </div>
  );
}
