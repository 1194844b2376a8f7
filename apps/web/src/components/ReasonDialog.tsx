import { useEffect, useId, useRef, useState } from 'react';

interface ReasonDialogProps {
  open: boolean;
  title: string;
  /** What happens, said before the reason is asked. */
  explanation: string;
  /** The reason field's hint: who reads it. */
  hint: string;
  confirmLabel: string;
  busyLabel: string;
  busy: boolean;
  error: string | null;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

const MIN_REASON = 3;

/**
 * A decision that needs a reason (refuse, suspend, reinstate), on the browser's <dialog> as
 * ConfirmDialog is: focus stays in it, Escape cancels, and the safe choice comes first.
 */
export function ReasonDialog(props: ReasonDialogProps) {
  const { open, title, explanation, hint, confirmLabel, busyLabel, busy, error, onConfirm, onCancel } = props;
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const titleId = useId();
  const fieldId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setReason('');
      setMissing(false);
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  function confirm(): void {
    if (busy) return;
    if (reason.trim().length < MIN_REASON) {
      setMissing(true);
      return;
    }
    onConfirm(reason.trim());
  }

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <p>{explanation}</p>
      <div className={missing ? 'field field-invalid' : 'field'}>
        <label htmlFor={fieldId}>Reason</label>
        <p id={`${fieldId}-hint`} className="field-hint">
          {hint}
        </p>
        {missing && (
          <p id={`${fieldId}-error`} className="field-error">
            Say why, in a few words.
          </p>
        )}
        <textarea
          id={fieldId}
          className="input"
          rows={3}
          maxLength={1000}
          value={reason}
          aria-invalid={missing || undefined}
          aria-describedby={missing ? `${fieldId}-hint ${fieldId}-error` : `${fieldId}-hint`}
          onChange={(event) => setReason(event.target.value)}
        />
      </div>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={confirm} aria-disabled={busy || undefined}>
          {busy && <span className="spinner" aria-hidden="true" />}
          {busy ? busyLabel : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
