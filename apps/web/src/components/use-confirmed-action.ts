import { useRef, useState } from 'react';
import { ApiError } from '../api/api-error';
import { describeApiError } from '../api/error-messages';
import type { ErrorCode } from '@vetmeet/contracts/client';

export interface ConfirmedActionText {
  /** The refusal that means "too late, it changed meanwhile", and what to tell the person then. */
  stateCode: ErrorCode;
  stateMessage: string;
  /** When the failure is not the API's (the network): e.g. "The booking could not be cancelled. Try again." */
  fallback: string;
}

export interface ConfirmedAction {
  confirming: boolean;
  busy: boolean;
  error: string | null;
  /** Opens the confirmation, forgetting an earlier failure. */
  ask(): void;
  dismiss(): void;
  /** Runs the action once at a time; success closes the confirmation, a failure stays in it, explained. */
  confirm(): Promise<void>;
}

/** A destructive action behind a ConfirmDialog: what the cancel sections of consultations and bookings share. */
export function useConfirmedAction<T>(action: () => Promise<T>, onDone: (result: T) => void, text: ConfirmedActionText): ConfirmedAction {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A ref, not the state: two quick clicks arrive before React re-renders.
  const running = useRef(false);

  async function confirm(): Promise<void> {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      const result = await action();
      setConfirming(false);
      onDone(result);
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === text.stateCode) setError(text.stateMessage);
      else setError(failure instanceof ApiError ? describeApiError(failure) : text.fallback);
    } finally {
      running.current = false;
      setBusy(false);
    }
  }

  return {
    confirming,
    busy,
    error,
    ask: () => {
      setError(null);
      setConfirming(true);
    },
    dismiss: () => setConfirming(false),
    confirm,
  };
}
