import { consultationPath } from '../../consultations/consultation-status';
import type { CallErrorView } from '../../rooms/call-state';
import { explainRoomError } from '../../rooms/room-errors';
import { Link } from '../../router/Link';
import { useFocusOnMount } from './use-focus-on-mount';

/** The room would not let the person in, or dropped them for good: why, and where to go. */
export function RoomUnavailable({ error, consultationId, onRetry }: { error: CallErrorView; consultationId: string; onRetry: () => void }) {
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="page narrow" aria-labelledby="room-unavailable-title" data-testid="room-unavailable">
      <h1 id="room-unavailable-title" ref={headingRef} tabIndex={-1}>
        You cannot join the room now
      </h1>
      <div className="notice notice-error" role="alert" data-testid="room-error">
        <p>{explainRoomError(error)}</p>
        <p className="notice-code">
          Error code: <code>{error.code}</code>
        </p>
      </div>
      <div className="button-row">
        <Link to={consultationPath(consultationId)} className="button button-primary">
          Back to the consultation
        </Link>
        <button type="button" className="button" onClick={onRetry}>
          Try again
        </button>
      </div>
    </section>
  );
}
