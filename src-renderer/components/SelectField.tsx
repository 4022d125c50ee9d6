// A labelled <select>, the sibling of TextField (the shared markup is FieldFrame's).
import type { Ref, SelectHTMLAttributes } from 'react';
import { FieldFrame, type FieldWording } from './FieldFrame';

export interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>, FieldWording {
  /** Compact variant for table rows: label and control on one line. */
  inline?: boolean;
  ref?: Ref<HTMLSelectElement>;
}

export function SelectField({ label, hint, error, inline = false, className, children, ...selectProps }: SelectFieldProps) {
  return (
    <FieldFrame label={label} hint={hint} error={error} className={[inline ? 'field--inline' : '', className ?? ''].filter(Boolean).join(' ')}>
      {(control) => (
        <select {...control} className="input select" {...selectProps}>
          {children}
        </select>
      )}
    </FieldFrame>
  );
}
