// A secret shown once (recovery key, one-time password, TOTP key): large monospace, selectable in
// one click, with a Copy button. The text node holds exactly the value so it can be typed back.
import { CopyButton } from './CopyButton';
import './secret.css';

export interface SecretValueProps {
  value: string;
  testId?: string;
  /** What the value is, for screen readers ("Recovery key"). */
  label: string;
  size?: 'md' | 'lg';
}

export function SecretValue({ value, testId, label, size = 'lg' }: SecretValueProps) {
  return (
    <div className={`secret secret--${size}`}>
      <span className="visually-hidden">{label}: </span>
      <code className="secret__value" data-testid={testId}>
        {value}
      </code>
      <CopyButton value={value} />
    </div>
  );
}
