// The frame of every screen before the app proper (setup, sign-in, second factor, lock): a centred
// card in a <main> landmark, the product and vault named above it.
import { useId, type ReactNode } from 'react';
import { useSessionStore } from '../kit/session-store';
import './auth-layout.css';

export interface AuthLayoutProps {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  /** Above the title, e.g. "Step 2 of 2". */
  eyebrow?: string;
  wide?: boolean;
}

export function AuthLayout({ title, description, children, eyebrow, wide = false }: AuthLayoutProps) {
  const titleId = useId();
  const vaultName = useSessionStore((state) => state.vaultName);
  const version = useSessionStore((state) => state.version);
  return (
    <div className="auth">
      <main className="auth__main" aria-labelledby={titleId}>
        <p className="auth__brand">
          <span className="brand-mark" aria-hidden="true">
            V
          </span>
          Vigil{vaultName ? <span className="auth__vault"> · {vaultName}</span> : null}
        </p>
        <div className={wide ? 'auth__card auth__card--wide' : 'auth__card'}>
          {eyebrow && <p className="auth__eyebrow">{eyebrow}</p>}
          <h1 id={titleId}>{title}</h1>
          {description && <div className="auth__description">{description}</div>}
          {children}
        </div>
        {version && <p className="auth__footer">Vigil {version} · works offline; your data stays on this computer</p>}
      </main>
    </div>
  );
}
