import { useCallback, useEffect, useState } from 'react';
import type { HealthCheckStatus } from '@vetmeet/contracts/client';
import { fetchHealth, isCheckWorking, type HealthReport } from '../health/health';

type HealthView =
  | { kind: 'loading' }
  | { kind: 'report'; report: HealthReport }
  | { kind: 'unreachable' };

function describe(status: HealthCheckStatus): string {
  return isCheckWorking(status) ? 'working' : 'not working';
}

function workersLabel(alive: number, configured: number): string {
  return `${alive} of ${configured} ${configured === 1 ? 'media worker' : 'media workers'} running`;
}

/** One line saying whether the service is up, fetched from `/health`, with the checks behind it. */
export function HealthStatus() {
  const [view, setView] = useState<HealthView>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setView({ kind: 'loading' });
    fetchHealth(controller.signal).then(
      (report) => setView({ kind: 'report', report }),
      () => {
        if (!controller.signal.aborted) setView({ kind: 'unreachable' });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  let tone: 'pending' | 'ok' | 'error';
  let summary: string;
  let detail: string | undefined;
  switch (view.kind) {
    case 'loading':
      tone = 'pending';
      summary = 'Checking the service…';
      break;
    case 'unreachable':
      tone = 'error';
      summary = 'The service cannot be reached right now.';
      break;
    case 'report': {
      const { status, checks } = view.report;
      tone = status === 'ok' ? 'ok' : 'error';
      summary = status === 'ok' ? 'All systems are working.' : 'Some systems are not working.';
      detail =
        `Database ${describe(checks.database.status)}; ` +
        `video ${describe(checks.media.status)} (${workersLabel(checks.media.workers, checks.media.configured)}).`;
      break;
    }
  }

  return (
    <div className={`health health-${tone}`} role="status" aria-live="polite" aria-busy={view.kind === 'loading'}>
      <span className="health-dot" aria-hidden="true" />
      <div className="health-text">
        <p className="health-summary">
          <span className="visually-hidden">Service status: </span>
          {summary}
        </p>
        {detail && <p className="health-detail">{detail}</p>}
      </div>
      {view.kind !== 'loading' && (
        <button type="button" className="button button-quiet" onClick={retry}>
          Check again
        </button>
      )}
    </div>
  );
}
