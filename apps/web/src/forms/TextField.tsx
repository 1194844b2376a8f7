import type { InputHTMLAttributes, ReactNode } from 'react';
import { LabelledField } from './LabelledField';

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'> & {
  name: string;
  label: string;
  hint?: ReactNode;
};

export function TextField({ name, label, hint, className, ...input }: TextFieldProps) {
  return (
    <LabelledField name={name} label={label} hint={hint}>
      {(control) => <input {...control} className={className ? `input ${className}` : 'input'} {...input} />}
    </LabelledField>
  );
}
