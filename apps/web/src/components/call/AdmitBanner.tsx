import { useState } from 'react';
import type { ParticipantView } from '@vetmeet/contracts/client';
import { ApiError } from '../../api/api-error';
import { describeApiError } from '../../api/error-messages';

interface AdmitBannerProps {
  waiting: readonly ParticipantView[];
  onAdmit: (userId: string) => Promise<void>;
}

/** The consultant's prompt when an owner waits to be let in: before the call, and over it. */
export function AdmitBanner({ waiting, onAdmit }: AdmitBannerProps) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function admit(userId: string): Promise<void> {
    setBusy(userId);
    setError(null);
    try {
      await onAdmit(userId);
    } catch (failure) {
      setError(failure instanceof ApiError ? describeApiError(failure) : 'They could not be let in. Try again.');
    } finally {
      setBusy(null);
    }
  }

  return (
    <div role="status" className="status-region">
      {waiting.map((participant) => (
        <div key={participant.userId} className="notice notice-info admit-banner" data-testid="admit-banner">
          <p>
            <strong>{participant.displayName}</strong> is in the waiting room.
          </p>
          <button type="button" className="button button-primary" onClick={() => void admit(participant.userId)} aria-disabled={busy !== null || undefined}>
            {busy === participant.userId ? 'Letting in…' : 'Admit'}
            <span className="visually-hidden"> {participant.displayName}</span>
          </button>
        </div>
      ))}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
