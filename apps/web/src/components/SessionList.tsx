import type { SessionListItem } from '@vetmeet/contracts/client';
import { describeDevice } from '../accounts/device';
import { formatDateTime } from '../format/dates';

interface SessionListProps {
  sessions: SessionListItem[];
  /** The account's zone: times read the same on every device. */
  timeZone: string;
  /** The session being signed out, if any. */
  revoking: string | null;
  onRevoke: (session: SessionListItem) => void;
}

/** Where the person is signed in, this device first; any other can be signed out from here. */
export function SessionList({ sessions, timeZone, revoking, onRevoke }: SessionListProps) {
  const ordered = [...sessions].sort((a, b) => Number(b.current) - Number(a.current));
  return (
    <ul className="card-list" data-testid="session-list">
      {ordered.map((session) => {
        const device = describeDevice(session.userAgent);
        const busy = revoking === session.id;
        return (
          <li key={session.id} className="card session-card" data-current={session.current || undefined}>
            <div>
              <p className="card-title">
                {device}
                {session.current && <span className="badge badge-brand">This device</span>}
              </p>
              <p className="card-meta">
                Signed in {formatDateTime(session.createdAt, timeZone)} · last active {formatDateTime(session.lastSeenAt, timeZone)}
                {session.ip && <> · from {session.ip}</>}
              </p>
            </div>
            {!session.current && (
              <button type="button" className="button button-quiet" onClick={() => !busy && onRevoke(session)} aria-disabled={busy || undefined}>
                {busy ? 'Signing out…' : 'Sign out'}
                <span className="visually-hidden"> {device}, last active {formatDateTime(session.lastSeenAt, timeZone)}</span>
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
