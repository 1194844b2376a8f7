import type { InputHTMLAttributes, ReactNode } from 'react';
import { FieldError } from './FieldError';
import { describedBy, useField } from './form-problems';

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'> & {
  name: string;
  label: string;
  hint?: ReactNode;
};

export function TextField({ name, label, hint, className, ...input }: TextFieldProps) {
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
      <input
        id={id}
        name={name}
        className={className ? `input ${className}` : 'input'}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint !== undefined && hintId, error && errorId)}
        {...input}
      />
    </div>
  );
}
