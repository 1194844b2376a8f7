import type { ReactNode } from 'react';

interface SubmitButtonProps {
  busy: boolean;
  /** What the button says while the request runs, e.g. "Signing in…". */
  busyLabel: string;
  children: ReactNode;
  variant?: 'primary' | 'danger' | 'default';
}

/**
 * Stays focusable while busy (aria-disabled rather than disabled), so focus is not lost to
 * the page; the form ignores submissions until the request settles.
 */
export function SubmitButton({ busy, busyLabel, children, variant = 'primary' }: SubmitButtonProps) {
  const variantClass = variant === 'default' ? '' : ` button-${variant}`;
  return (
    <button type="submit" className={`button${variantClass}`} aria-disabled={busy || undefined}>
      {busy && <span className="spinner" aria-hidden="true" />}
      {busy ? busyLabel : children}
    </button>
  );
}
