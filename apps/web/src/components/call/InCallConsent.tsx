import { useCallback, useId, useState } from 'react';
import { fetchConsents, setConsent } from '../../api/consents';
import { ApiError, networkError } from '../../api/api-error';
import { describeApiError } from '../../api/error-messages';
import { useResource } from '../../api/use-resource';
import { inCallConsentWording, inCallSavedMessage } from '../../consents/in-call-consent';

const LOADING = 'Your consent to recording';
const explain = (error: unknown) => describeApiError(error instanceof ApiError ? error : networkError(error));

/**
 * In the call, for the owner and the consultant alike: their own consent to recording as it
 * stands and one button to change it. Withdrawing asks nothing more (it must be as easy as
 * agreeing); the room stops the recording for everyone as the withdrawal commits.
 */
export function InCallConsent({ consultationId }: { consultationId: string }) {
  const load = useCallback((signal: AbortSignal) => fetchConsents(consultationId, signal), [consultationId]);
  const { resource, replace } = useResource(load);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<{ kind: 'saved' | 'failed'; text: string } | null>(null);
  const labelId = useId();

  async function change(granted: boolean): Promise<void> {
    setSaving(true);
    setStatus(null);
    try {
      replace(await setConsent(consultationId, 'recording', granted));
      setStatus({ kind: 'saved', text: inCallSavedMessage(granted) });
    } catch (error) {
      setStatus({ kind: 'failed', text: `Not saved: ${explain(error)}` });
    } finally {
      setSaving(false);
    }
  }

  const granted = resource.status === 'loaded' ? resource.data.mine.recording.granted : null;
  const wording = granted === null ? null : inCallConsentWording(granted);
  return (
    <div className="call-consent" role="group" aria-labelledby={labelId} data-testid="call-consent">
      <p id={labelId} className="call-consent-state" data-testid="call-consent-state">
        {wording?.status ?? (resource.status === 'failed' ? `${LOADING} could not be loaded` : `${LOADING}…`)}
      </p>
      {wording && granted !== null && (
        <button
          type="button"
          className="button call-control"
          disabled={saving}
          onClick={() => void change(!granted)}
        >
          {wording.action}
        </button>
      )}
      <p
        className={status?.kind === 'failed' ? 'call-consent-status notice notice-error' : 'call-consent-status'}
        role="status"
        aria-live="polite"
        data-testid="call-consent-status"
      >
        {status?.text ?? ''}
      </p>
    </div>
  );
}
