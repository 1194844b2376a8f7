import { useState } from 'react';
import { ApiError } from '../api/api-error';
import { resendVerification } from '../api/email-links';
import { describeApiError } from '../api/error-messages';
import { StatusMessage } from './StatusMessage';

interface ResendVerificationProps {
  label: string;
  /** Called when the server says the address was verified in the meantime. */
  onAlreadyVerified?: () => void;
}

/** Sends the signed-in person a new verification link, saying where it went. */
export function ResendVerification({ label, onAlreadyVerified }: ResendVerificationProps) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function resend(): Promise<void> {
    if (busy) return;
    setBusy(true);
    setStatus(null);
    setError(null);
    try {
      const answer = await resendVerification();
      if (answer.status === 'already_verified') {
        setStatus('Your address is already verified.');
        onAlreadyVerified?.();
      } else {
        setStatus('We sent a new link to your address. It works for 24 hours.');
      }
    } catch (failure) {
      setError(failure instanceof ApiError ? describeApiError(failure) : 'The link could not be sent. Try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="resend-verification">
      <button type="button" className="button" onClick={() => void resend()} aria-disabled={busy || undefined}>
        {busy && <span className="spinner" aria-hidden="true" />}
        {busy ? 'Sending…' : label}
      </button>
      <StatusMessage message={status} />
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
