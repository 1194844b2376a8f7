import type { ReactNode, TextareaHTMLAttributes } from 'react';
import { FieldError } from './FieldError';
import { describedBy, useField } from './form-problems';

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name'> & {
  name: string;
  label: string;
  hint?: ReactNode;
};

export function TextAreaField({ name, label, hint, ...textarea }: TextAreaFieldProps) {
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
      <textarea
        id={id}
        name={name}
        className="input"
        rows={4}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(hint !== undefined && hintId, error && errorId)}
        {...textarea}
      />
    </div>
  );
}
