import type { HealthCheckStatus, HealthReport } from '@vetmeet/contracts/client';

export type { HealthReport };

/**
 * `GET /health` answers 200 when everything is up and 503 otherwise, with the same body
 * either way (the HealthReport contract).
 */
export function isCheckWorking(status: HealthCheckStatus): boolean {
  return status === 'up';
}

const isCheckStatus = (value: unknown): value is HealthCheckStatus => value === 'up' || value === 'down';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isOverallStatus(value: unknown): value is HealthReport['status'] {
  return value === 'ok' || value === 'error';
}

function isHealthReport(value: unknown): value is HealthReport {
  if (!isObject(value) || !isOverallStatus(value.status) || !isObject(value.checks)) return false;
  const { database, media } = value.checks;
  return (
    isObject(database) &&
    isCheckStatus(database.status) &&
    isObject(media) &&
    isCheckStatus(media.status) &&
    typeof media.workers === 'number'
  );
}

/** Resolves with the report, or rejects when the service cannot be reached or answers nonsense. */
export async function fetchHealth(signal: AbortSignal): Promise<HealthReport> {
  const response = await fetch('/health', { headers: { accept: 'application/json' }, signal });
  const body: unknown = await response.json().catch(() => undefined);
  if (!isHealthReport(body)) {
    throw new Error(`Unexpected answer from /health (HTTP ${response.status})`);
  }
  return body;
}
