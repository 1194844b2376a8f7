import type { CallPhase, ConnectivityReport as Report } from '../../rooms/call-state';

type Verdict = 'ok' | 'warn' | 'error' | 'pending';

interface Row {
  label: string;
  verdict: Verdict;
  text: string;
  testId: string;
}

function serverRow(phase: CallPhase, report: Report): Row {
  if (report.roundTripMs !== null) {
    const slow = report.roundTripMs > 1_000;
    return { label: 'Vetmeet server', verdict: slow ? 'warn' : 'ok', text: `Reached; it answered in ${report.roundTripMs} ms${slow ? ', which is slow' : ''}.`, testId: 'check-server' };
  }
  if (phase === 'failed') return { label: 'Vetmeet server', verdict: 'error', text: 'Could not join the room.', testId: 'check-server' };
  return { label: 'Vetmeet server', verdict: 'pending', text: 'Connecting…', testId: 'check-server' };
}

function relayRow(report: Report): Row {
  const label = 'Relay for strict networks (TURN)';
  switch (report.relay) {
    case 'reachable':
      return { label, verdict: 'ok', text: 'Reachable: the call can get through firewalls that block direct video.', testId: 'check-relay' };
    case 'unreachable':
      return { label, verdict: 'warn', text: 'Not reachable. The call still works on most networks; on a strict office or hotel network it may not.', testId: 'check-relay' };
    case 'not-configured':
      return { label, verdict: 'ok', text: 'Not used by this server: the call connects directly.', testId: 'check-relay' };
    case 'checking':
      return { label, verdict: 'pending', text: 'Checking…', testId: 'check-relay' };
    case 'unknown':
      return { label, verdict: 'pending', text: 'Checked once you have joined the room.', testId: 'check-relay' };
  }
}

const verdictWords: Record<Verdict, string> = { ok: 'OK', warn: 'Warning', error: 'Problem', pending: 'In progress' };

/** What the pre-call check found about the way to the server and through firewalls. */
export function ConnectivityReport({ phase, report }: { phase: CallPhase; report: Report }) {
  const rows = [serverRow(phase, report), relayRow(report)];
  return (
    <dl className="check-list" data-testid="connectivity-report">
      {rows.map((row) => (
        <div key={row.testId} className={`check-item check-${row.verdict}`} data-testid={row.testId} data-verdict={row.verdict}>
          <dt>
            <span className="check-mark" aria-hidden="true" />
            {row.label}
          </dt>
          <dd>
            <span className="visually-hidden">{verdictWords[row.verdict]}: </span>
            {row.text}
          </dd>
        </div>
      ))}
    </dl>
  );
}
