// The one button. While busy it stays focusable (aria-disabled, clicks ignored) so keyboard focus is
// not thrown to <body> mid-submit, which a disabled button would do.
import type { ButtonHTMLAttributes, MouseEvent, Ref } from 'react';
import './button.css';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost' | 'link';

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: 'sm' | 'md';
  busy?: boolean;
  ref?: Ref<HTMLButtonElement>;
}

export function Button({ variant = 'secondary', size = 'md', busy = false, type = 'button', className, onClick, children, ...rest }: ButtonProps) {
  const classes = ['button', `button--${variant}`, `button--${size}`, busy ? 'is-busy' : '', className ?? ''].filter(Boolean).join(' ');
  const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
    if (busy) {
      event.preventDefault();
      return;
    }
    onClick?.(event);
  };
  return (
    <button type={type} className={classes} aria-disabled={busy || undefined} aria-busy={busy || undefined} onClick={handleClick} {...rest}>
      {busy && <span className="spinner" aria-hidden="true" />}
      {children}
    </button>
  );
}
