// Inline messages. Errors use role="alert" (announced at once); the rest role="status" (polite).
import type { ReactNode } from 'react';
import './alert.css';

export type AlertTone = 'error' | 'warning' | 'success' | 'info';

export interface AlertProps {
  tone: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  /** Overrides the role chosen from the tone, e.g. a standing warning that should not interrupt. */
  role?: 'alert' | 'status' | 'note';
  className?: string;
  testId?: string;
}

export function Alert({ tone, title, children, role, className, testId }: AlertProps) {
  const resolvedRole = role ?? (tone === 'error' ? 'alert' : 'status');
  return (
    <div role={resolvedRole} className={['alert', `alert--${tone}`, className ?? ''].filter(Boolean).join(' ')} data-testid={testId}>
      {title && <p className="alert__title">{title}</p>}
      {children && <div className="alert__body">{children}</div>}
    </div>
  );
}

/** The common case: an error message or nothing. */
export function ErrorBanner({ message }: { message: string | null | undefined }) {
  return message ? <Alert tone="error">{message}</Alert> : null;
}
