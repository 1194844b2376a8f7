import type { ReactNode, TextareaHTMLAttributes } from 'react';
import { LabelledField } from './LabelledField';

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name'> & {
  name: string;
  label: string;
  hint?: ReactNode;
};

export function TextAreaField({ name, label, hint, ...textarea }: TextAreaFieldProps) {
  return (
    <LabelledField name={name} label={label} hint={hint}>
      {(control) => <textarea {...control} className="input" rows={4} {...textarea} />}
    </LabelledField>
  );
}
