import type { ReactNode } from 'react';
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

const COLUMNS = ['Time', 'Actor', 'Role', 'Action', 'Record', 'Outcome', 'Address'] as const;

/** A cell that names its column, which the stacked (phone) layout shows beside the value. */
interface CellProps {
  column: (typeof COLUMNS)[number];
  className?: string;
  children: ReactNode;
}

function Cell({ column, className, children }: CellProps) {
  return (
    <td role="cell" data-label={column} className={className}>
      {/* One box for the value, so the stacked layout sets it beside its label as a whole. */}
      <span className="cell-value">{children}</span>
    </td>
  );
}

/** Who did what, to which record, with what outcome, from where: one row per event, newest first. */
export function AuditEventTable({ events, timeZone, readerId, captionId, caption }: AuditEventTableProps) {
  return (
    // Fits its card at every width (stacked on a phone); the region scrolls only if a value cannot wrap.
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table stacked-table" role="table" data-testid="audit-table">
        <caption id={captionId}>{caption}</caption>
        <thead role="rowgroup">
          <tr role="row">
            {COLUMNS.map((column) => (
              <th key={column} scope="col" role="columnheader">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup">
          {events.map((event) => (
            <tr key={event.seq} role="row">
              <Cell column="Time" className="cell-time">
                <time dateTime={event.occurredAt}>{formatTimestamp(event.occurredAt, timeZone)}</time>
              </Cell>
              <Cell column="Actor">
                <Actor userId={event.actorUserId} readerId={readerId} />
              </Cell>
              <Cell column="Role">{describeActorRole(event.actorRole) ?? <span className="muted">—</span>}</Cell>
              <Cell column="Action">
                <code>{event.action}</code>
              </Cell>
              <Cell column="Record">
                {event.entityType.replaceAll('_', ' ')}
                {event.entityId && (
                  <>
                    {' '}
                    <code className="muted" title={event.entityId}>
                      {shortId(event.entityId)}
                    </code>
                  </>
                )}
              </Cell>
              <Cell column="Outcome">
                <span className={outcomeBadges[event.outcome]}>{outcomeLabels[event.outcome]}</span>
              </Cell>
              <Cell column="Address">{event.ip ? <code>{event.ip}</code> : <span className="muted">—</span>}</Cell>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
