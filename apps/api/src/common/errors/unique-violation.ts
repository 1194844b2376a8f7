/** SQLSTATE unique_violation: a unique index refused the row. */
export const UNIQUE_VIOLATION = '23505';

/** Whether a database error (TypeORM's QueryFailedError or pg's own) is a unique violation. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, driverError } = error as { code?: unknown; driverError?: { code?: unknown } };
  return code === UNIQUE_VIOLATION || driverError?.code === UNIQUE_VIOLATION;
}
