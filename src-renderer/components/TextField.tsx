// A labelled input with an optional hint and error (the shared markup is FieldFrame's).
import type { InputHTMLAttributes, Ref } from 'react';
import { FieldFrame, type FieldWording } from './FieldFrame';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>, FieldWording {
  mono?: boolean;
  ref?: Ref<HTMLInputElement>;
}

export function TextField({ label, hint, error, mono = false, className, type = 'text', ...inputProps }: TextFieldProps) {
  return (
    <FieldFrame label={label} hint={hint} error={error} className={className}>
      {(control) => <input {...control} type={type} className={['input', mono ? 'mono' : ''].filter(Boolean).join(' ')} {...inputProps} />}
    </FieldFrame>
  );
}
