// A modal dialog on the native <dialog> (top layer, inert background). Mounted means open: the parent
// renders it conditionally. On top of the native behaviour it wraps Tab inside the dialog, turns
// Escape into onClose (so React state stays the truth) and puts focus back where it was.
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import './dialog.css';

export interface DialogProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  /** Where focus goes on close if the element that opened the dialog is gone (e.g. a row re-rendered). */
  returnFocusTo?: RefObject<HTMLElement | null>;
  size?: 'sm' | 'md';
  testId?: string;
}

const FOCUSABLE = [
  'a[href]', 'button:not([disabled])', 'input:not([disabled]):not([type="hidden"])', 'select:not([disabled])',
  'textarea:not([disabled])', '[tabindex]:not([tabindex="-1"])',
].join(',');

function focusableIn(root: HTMLElement): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.getClientRects().length > 0);
}

export function Dialog({ title, onClose, children, footer, returnFocusTo, size = 'md', testId }: DialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // The latest callbacks, read by the open/close effect without re-running it (which would close
  // and reopen the dialog). The fallback focus target is read when the dialog closes, not when it opened.
  const onCloseRef = useRef(onClose);
  const returnFocusRef = useRef(returnFocusTo);
  useEffect(() => {
    onCloseRef.current = onClose;
    returnFocusRef.current = returnFocusTo;
  }, [onClose, returnFocusTo]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const preferred = dialog.querySelector<HTMLElement>('[data-autofocus]') ?? focusableIn(dialog)[0] ?? dialog;
    preferred.focus();
    const onCancel = (event: Event) => {
      // Escape: let the parent decide (it unmounts us), rather than the browser closing behind React.
      event.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      const target = opener?.isConnected ? opener : returnFocusRef.current?.current;
      target?.focus();
    };
  }, []);

  const trapTab = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab' || !dialogRef.current) return;
    const focusable = focusableIn(dialogRef.current);
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog ref={dialogRef} className={`dialog dialog--${size}`} aria-labelledby={titleId} onKeyDown={trapTab} data-testid={testId} tabIndex={-1}>
      <div className="dialog__header">
        <h2 id={titleId}>{title}</h2>
      </div>
      <div className="dialog__body">{children}</div>
      {footer && <div className="dialog__footer">{footer}</div>}
    </dialog>
  );
}
