import type { AuditEventView } from '@vetmeet/contracts/client';
import { describeActorRole, outcomeLabels, shortId } from '../clinics/audit-events';
import { formatTimestamp } from '../format/dates';

interface AuditEventTableProps {
  events: AuditEventView[];
  /** The reader's zone, so times match the rest of their pages. */
  timeZone: string;
  /** The reader's account id: their own actions read "You". */
  readerId: string;
  captionId: string;
  caption: string;
}

const outcomeBadges: Record<AuditEventView['outcome'], string> = {
  success: 'badge badge-ok',
  failure: 'badge badge-warn',
  denied: 'badge badge-error',
};

function Actor({ userId, readerId }: { userId: string | null; readerId: string }) {
  if (!userId) return <span className="muted">Nobody signed in</span>;
  if (userId === readerId) return <>You</>;
  return (
    <code title={userId}>{shortId(userId)}</code>
  );
}

/** Who did what, to which record, with what outcome, from where: one row per event, newest first. */
export function AuditEventTable({ events, timeZone, readerId, captionId, caption }: AuditEventTableProps) {
  return (
    // A wide table scrolls on its own on small screens; the region makes that reachable by keyboard.
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table" data-testid="audit-table">
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Actor</th>
            <th scope="col">Role</th>
            <th scope="col">Action</th>
            <th scope="col">Record</th>
            <th scope="col">Outcome</th>
            <th scope="col">Address</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <tr key={event.seq}>
              <td>
                <time dateTime={event.occurredAt}>{formatTimestamp(event.occurredAt, timeZone)}</time>
              </td>
              <td>
                <Actor userId={event.actorUserId} readerId={readerId} />
              </td>
              <td>{describeActorRole(event.actorRole) ?? <span className="muted">—</span>}</td>
              <td>
                <code>{event.action}</code>
              </td>
              <td>
                {event.entityType.replaceAll('_', ' ')}
                {event.entityId && (
                  <>
                    {' '}
                    <code className="muted" title={event.entityId}>
                      {shortId(event.entityId)}
                    </code>
                  </>
                )}
              </td>
              <td>
                <span className={outcomeBadges[event.outcome]}>{outcomeLabels[event.outcome]}</span>
              </td>
              <td>{event.ip ? <code>{event.ip}</code> : <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
