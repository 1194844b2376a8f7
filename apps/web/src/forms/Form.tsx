import { useEffect, useMemo, useRef, type FormEvent, type ReactNode } from 'react';
import { ErrorSummary } from './ErrorSummary';
import { FormContext, type FormProblems } from './form-problems';

interface FormProps {
  /** Prefix of every field id in the form, so the error summary can link to them. */
  id: string;
  problems: FormProblems | null;
  busy: boolean;
  onSubmit: () => void;
  children: ReactNode;
  className?: string;
  'aria-labelledby'?: string;
}

/**
 * A form that validates in the page, not with the browser's bubbles: problems appear in an
 * error summary at the top, which takes the focus, and next to each field.
 */
export function Form({ id, problems, busy, onSubmit, children, className, ...aria }: FormProps) {
  const summaryRef = useRef<HTMLDivElement>(null);
  const context = useMemo(() => ({ formId: id, fields: problems?.fields ?? {} }), [id, problems]);

  useEffect(() => {
    if (problems) summaryRef.current?.focus();
  }, [problems]);

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (!busy) onSubmit();
  }

  return (
    <FormContext.Provider value={context}>
      <form id={id} className={className ? `form ${className}` : 'form'} noValidate onSubmit={handleSubmit} aria-busy={busy} {...aria}>
        {problems && <ErrorSummary ref={summaryRef} formId={id} problems={problems} />}
        {children}
      </form>
    </FormContext.Provider>
  );
}
