import { consultationPath } from '../../consultations/consultation-status';
import type { CallState } from '../../rooms/call-state';
import { endSentences, formatCallDuration } from '../../rooms/room-errors';
import { Link } from '../../router/Link';
import { useFocusOnMount } from './use-focus-on-mount';

interface CallEndedScreenProps {
  state: CallState;
  consultationId: string;
  /** Join again (only offered when the person left and the consultation goes on). */
  onRejoin: () => void;
}

/** After the call: why it ended, how long it lasted, and the way back to the consultation, where the chat and files stay. */
export function CallEndedScreen({ state, consultationId, onRejoin }: CallEndedScreenProps) {
  const reason = state.endReason ?? 'ended';
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const duration = state.startedAt !== null && state.endedAt !== null ? formatCallDuration(state.endedAt - state.startedAt) : null;
  return (
    <section className="page narrow" aria-labelledby="call-ended-title" data-testid="call-ended">
      <div className="card confirmation">
        <span className="confirmation-mark" aria-hidden="true">
          ✓
        </span>
        <h1 id="call-ended-title" ref={headingRef} tabIndex={-1}>
          {reason === 'left' ? 'You left the call' : 'The call has ended'}
        </h1>
        <p>{endSentences[reason]}</p>
        {duration && (
          <p data-testid="call-duration">
            You were in the call for <strong>{duration}</strong>.
          </p>
        )}
        <p className="muted">The chat and the files shared in the call stay with the consultation.</p>
        <div className="button-row">
          <Link to={consultationPath(consultationId)} className="button button-primary">
            Back to the consultation
          </Link>
          {reason === 'left' && (
            <button type="button" className="button" onClick={onRejoin}>
              Join again
            </button>
          )}
        </div>
      </div>
    </section>
  );
}
