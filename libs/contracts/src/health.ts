/** The body of GET /health, read by the web client's status line and by load balancers. */
export type HealthCheckStatus = 'up' | 'down';

export interface HealthReport {
  status: 'ok' | 'error';
  checks: {
    database: { status: HealthCheckStatus };
    media: { status: HealthCheckStatus; workers: number; configured: number };
  };
}
