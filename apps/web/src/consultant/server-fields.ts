import { ApiError } from '../api/api-error';

/** "weeklyRules.3.end" (class-validator) and "weeklyRules[3].end" (the slot engine) alike as the latter. */
export const bracketIndexes = (serverField: string): string => serverField.replace(/\.(\d+)(?=\.|$)/g, '[$1]');

/**
 * The same error with its VALIDATION_FAILED details renamed to the form's fields
 * ("weeklyRules[3].end: …" → "weekly-monday-1-end: …"), so the sentences land beside the
 * inputs and the error summary links to them. Details the form has no field for stay as
 * they are (the form's sentence at the top covers them).
 */
export function withFormFieldNames(error: unknown, fieldOf: (serverField: string) => string | undefined): unknown {
  if (!(error instanceof ApiError) || error.details.length === 0) return error;
  const details = error.details.map((detail) => {
    const separator = detail.indexOf(': ');
    if (separator <= 0) return detail;
    const field = fieldOf(bracketIndexes(detail.slice(0, separator)));
    return field ? `${field}: ${detail.slice(separator + 2)}` : detail;
  });
  return new ApiError(error.code, error.message, error.status, details, error.requestId);
}
