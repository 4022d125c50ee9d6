// The frame every labelled field shares: label, control, optional hint and error, wired with
// aria-describedby and aria-invalid so a screen reader hears the rule and the problem with the field.
import { useId, type ReactNode } from 'react';
import './field.css';

/** What the control inside the frame spreads onto itself. */
export interface FieldControlProps {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

/** What every field shows around its control; TextField and SelectField take the same. */
export interface FieldWording {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null | undefined;
}

export interface FieldFrameProps extends FieldWording {
  /** Classes beside `field`, e.g. `field--inline`. */
  className?: string | undefined;
  children(control: FieldControlProps): ReactNode;
}

export function FieldFrame({ label, hint, error, className, children }: FieldFrameProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const control: FieldControlProps = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': [hintId, errorId].filter(Boolean).join(' ') || undefined,
  };
  return (
    <div className={['field', className ?? ''].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children(control)}
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
