import type { ApiError } from '../api/api-error';
import { describeApiError } from '../api/error-messages';

/** A failed load: what happened, and a way to try again. */
export function LoadFailure({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  return (
    <div className="notice notice-error" role="alert">
      <p>{describeApiError(error)}</p>
      <button type="button" className="button button-quiet notice-action" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
