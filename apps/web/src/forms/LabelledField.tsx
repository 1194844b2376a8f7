import type { ReactNode } from 'react';
import { FieldError } from './FieldError';
import { describedBy, useField } from './form-problems';

/** The attributes that tie a control to its label, hint and error. */
export interface ControlProps {
  id: string;
  name: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

interface LabelledFieldProps {
  name: string;
  label: string;
  hint?: ReactNode;
  /** Renders the control itself, given the attributes that connect it to the label, hint and error. */
  children: (control: ControlProps) => ReactNode;
}

/**
 * The frame every single-control field shares: label, optional hint, the field's error (read
 * out through aria-describedby) and the invalid styling. Text, select and text-area fields
 * differ only in the control they render.
 */
export function LabelledField({ name, label, hint, children }: LabelledFieldProps) {
  const { id, hintId, errorId, error } = useField(name);
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <FieldError id={errorId} error={error} />
      {children({
        id,
        name,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': describedBy(hint !== undefined && hintId, error && errorId),
      })}
    </div>
  );
}
