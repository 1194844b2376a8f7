import type { InputHTMLAttributes, ReactNode } from 'react';
import { FieldError } from './FieldError';
import { describedBy, useField } from './form-problems';

type CheckboxFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'type'> & {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
};

/** A checkbox with its label beside it; the error sits above, as for every other field. */
export function CheckboxField({ name, label, hint, ...input }: CheckboxFieldProps) {
  const { id, hintId, errorId, error } = useField(name);
  return (
    <div className={error ? 'field field-checkbox field-invalid' : 'field field-checkbox'}>
      <FieldError id={errorId} error={error} />
      <div className="checkbox">
        <input
          id={id}
          name={name}
          type="checkbox"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(hint !== undefined && hintId, error && errorId)}
          {...input}
        />
        <label htmlFor={id}>{label}</label>
      </div>
      {hint && (
        <p id={hintId} className="field-hint checkbox-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
