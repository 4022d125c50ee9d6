// Severity and status as badges: the word is always there, the tone only supports it.
import { Badge, type BadgeTone } from '../../components/Badge';
import type { AlertStatus, Severity } from '../../../src-shared/model';

const SEVERITY_TONES: Readonly<Record<Severity, BadgeTone>> = { low: 'neutral', medium: 'info', high: 'warning', critical: 'danger' };
const STATUS_TONES: Readonly<Record<AlertStatus, BadgeTone>> = { new: 'info', acknowledged: 'neutral', dismissed: 'neutral', promoted: 'success' };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={SEVERITY_TONES[severity]}>{severity}</Badge>;
}

export function StatusBadge({ status }: { status: AlertStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{status}</Badge>;
}
