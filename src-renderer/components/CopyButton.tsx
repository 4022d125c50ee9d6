// Copies a secret to the clipboard. The button keeps the name "Copy" (stable for keyboard and
// screen-reader users); the outcome is announced in a live region beside it.
import { useEffect, useState } from 'react';
import { Button } from './Button';
import './secret.css';

type CopyOutcome = 'idle' | 'copied' | 'failed';

const RESET_AFTER_MS = 2500;

export function CopyButton({ value, label = 'Copy' }: { value: string; label?: string }) {
  const [outcome, setOutcome] = useState<CopyOutcome>('idle');

  useEffect(() => {
    if (outcome === 'idle') return;
    const timer = window.setTimeout(() => setOutcome('idle'), RESET_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, [outcome]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setOutcome('copied');
    } catch {
      // Clipboard access can be refused (permissions, focus); the value stays on screen to copy by hand.
      setOutcome('failed');
    }
  };

  return (
    <span className="copy-button">
      <Button size="sm" onClick={() => void copy()}>
        {label}
      </Button>
      <span role="status" className={outcome === 'failed' ? 'copy-button__status is-failed' : 'copy-button__status'}>
        {outcome === 'copied' && 'Copied to clipboard'}
        {outcome === 'failed' && 'Could not copy; select the text and copy it'}
      </span>
    </span>
  );
}
