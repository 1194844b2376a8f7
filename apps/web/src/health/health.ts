/**
 * The shape `GET /health` answers with, 200 when everything is up and 503 otherwise, with
 * the same body either way. The overall status is 'ok' or 'error'; a single check's status
 * is read leniently ('up' or 'ok' means working) because the contracts do not pin it yet.
 */
export type OverallStatus = 'ok' | 'error';

export interface HealthReport {
  status: OverallStatus;
  checks: {
    database: { status: string };
    /** `workers` alive out of `configured`. */
    media: { status: string; workers: number; configured?: number };
  };
}

export function isCheckWorking(status: string): boolean {
  return status === 'ok' || status === 'up';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isOverallStatus(value: unknown): value is OverallStatus {
  return value === 'ok' || value === 'error';
}

function isHealthReport(value: unknown): value is HealthReport {
  if (!isObject(value) || !isOverallStatus(value.status) || !isObject(value.checks)) return false;
  const { database, media } = value.checks;
  return (
    isObject(database) &&
    typeof database.status === 'string' &&
    isObject(media) &&
    typeof media.status === 'string' &&
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
