import type { ReactNode, SelectHTMLAttributes } from 'react';
import { LabelledField } from './LabelledField';

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name'> & {
  name: string;
  label: string;
  hint?: ReactNode;
  children: ReactNode;
};

export function SelectField({ name, label, hint, children, ...select }: SelectFieldProps) {
  return (
    <LabelledField name={name} label={label} hint={hint}>
      {(control) => (
        <select {...control} className="input select" {...select}>
          {children}
        </select>
      )}
    </LabelledField>
  );
}
