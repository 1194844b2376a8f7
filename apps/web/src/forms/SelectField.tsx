import type { ReactNode, SelectHTMLAttributes } from 'react';
import { FieldError } from './FieldError';
import { describedBy, useField } from './form-problems';

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name'> & {
  name: string;
  label: string;
  hint?: ReactNode;
  children: ReactNode;
};

export function SelectField({ name, label, hint, children, ...select }: SelectFieldProps) {
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
      <select
        id={id}
        name={name}
        className="input select"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint !== undefined && hintId, error && errorId)}
        {...select}
      >
        {children}
      </select>
    </div>
  );
}
