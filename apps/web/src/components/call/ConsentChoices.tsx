import { useCallback, useId, useState } from 'react';
import type { ConsentPurposePath, ConsentsView } from '@vetmeet/contracts/client';
import { fetchConsents, setConsent } from '../../api/consents';
import { useResource } from '../../api/use-resource';
import { ApiError, networkError } from '../../api/api-error';
import { describeApiError } from '../../api/error-messages';
import {
  CONSENT_WORDING,
  othersRecordingPhrase,
  savedMessage,
  type ConsentChoice,
} from '../../consents/consent-wording';

const PATHS: Record<ConsentChoice, ConsentPurposePath> = {
  recording: 'recording',
  supportReview: 'support-review',
};
const explain = (error: unknown) => describeApiError(error instanceof ApiError ? error : networkError(error));

/**
 * Before the call: the person's own answers to recording (and, for the owner, support review),
 * as they stand, each saved as soon as it is ticked or unticked. The status line says what was
 * saved; nothing is ticked until the person ticks it, and "no" is a fine answer.
 */
export function ConsentChoices({ consultationId }: { consultationId: string }) {
  const load = useCallback((signal: AbortSignal) => fetchConsents(consultationId, signal), [consultationId]);
  const { resource, replace } = useResource(load);
  const [saving, setSaving] = useState<ConsentChoice | null>(null);
  const [status, setStatus] = useState<{ kind: 'saved' | 'failed'; text: string } | null>(null);
  const headingId = useId();

  async function choose(view: ConsentsView, choice: ConsentChoice, granted: boolean): Promise<void> {
    setSaving(choice);
    setStatus(null);
    // The box shows the answer at once; a failure puts back what stands.
    replace({ ...view, mine: { ...view.mine, [choice]: { ...view.mine[choice], granted } } });
    try {
      replace(await setConsent(consultationId, PATHS[choice], granted));
      setStatus({ kind: 'saved', text: savedMessage(choice, granted) });
    } catch (error) {
      replace(view);
      setStatus({ kind: 'failed', text: `Not saved: ${explain(error)}` });
    } finally {
      setSaving(null);
    }
  }

  return (
    <section className="card section-card consent-choices" aria-labelledby={headingId} data-testid="consent-choices">
      <h2 id={headingId} className="sub-heading">
        Recording
      </h2>
      {resource.status === 'loading' && <p role="status">Loading your answers…</p>}
      {resource.status === 'failed' && (
        <p className="notice notice-error" role="alert">
          Your answers about recording could not be loaded: {explain(resource.error)}
        </p>
      )}
      {resource.status === 'loaded' && (
        <Choices
          view={resource.data}
          saving={saving}
          onChoose={(choice, granted) => void choose(resource.data, choice, granted)}
        />
      )}
      <p
        className={status?.kind === 'failed' ? 'consent-status notice notice-error' : 'consent-status'}
        role="status"
        aria-live="polite"
        data-testid="consent-status"
      >
        {status?.text ?? ''}
      </p>
    </section>
  );
}

interface ChoicesProps {
  view: ConsentsView;
  saving: ConsentChoice | null;
  onChoose: (choice: ConsentChoice, granted: boolean) => void;
}

function Choices({ view, saving, onChoose }: ChoicesProps) {
  const other = othersRecordingPhrase(view);
  return (
    <>
      <p className="muted">
        {CONSENT_WORDING.refusingIsFine}{' '}
        <a href="/privacy" target="_blank" rel="noopener">
          Read the privacy policy (opens in a new tab)
        </a>
      </p>
      <Choice
        name="consent-recording"
        label={CONSENT_WORDING.recording[view.role]}
        checked={view.mine.recording.granted}
        busy={saving === 'recording'}
        onChange={(granted) => onChoose('recording', granted)}
      />
      {view.role === 'owner' && (
        <Choice
          name="consent-support-review"
          label={CONSENT_WORDING.supportReview}
          checked={view.mine.supportReview.granted}
          busy={saving === 'supportReview'}
          onChange={(granted) => onChoose('supportReview', granted)}
        />
      )}
      {other && <p data-testid="consent-other">{other} Recording starts only when everyone in the call agrees.</p>}
    </>
  );
}

interface ChoiceProps {
  name: string;
  label: string;
  checked: boolean;
  busy: boolean;
  onChange: (granted: boolean) => void;
}

function Choice({ name, label, checked, busy, onChange }: ChoiceProps) {
  const id = useId();
  return (
    <div className="field field-checkbox">
      <div className="checkbox">
        <input
          id={id}
          name={name}
          type="checkbox"
          checked={checked}
          disabled={busy}
          onChange={(event) => onChange(event.target.checked)}
        />
        <label htmlFor={id}>{label}</label>
      </div>
    </div>
  );
}
