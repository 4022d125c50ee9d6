// A labelled multi-line field on the shared FieldFrame (label, hint, error wiring), for summaries,
// findings, notes and reasons.
import type { Ref, TextareaHTMLAttributes } from 'react';
import { FieldFrame, type FieldWording } from '../../components/FieldFrame';
import './workspace-parts.css';

export interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>, FieldWording {
  mono?: boolean;
  ref?: Ref<HTMLTextAreaElement>;
}

export function TextAreaField({ label, hint, error, mono = false, className, rows = 4, ...rest }: TextAreaFieldProps) {
  return (
    <FieldFrame label={label} hint={hint} error={error} className={className}>
      {(control) => <textarea {...control} rows={rows} className={['input', 'textarea', mono ? 'mono' : ''].filter(Boolean).join(' ')} {...rest} />}
    </FieldFrame>
  );
}
