// Severity and status as badges: the word is always there, the tone only supports it.
import { Badge, type BadgeTone } from '../../components/Badge';
import { severityTone } from '../../components/severity';
import type { AlertStatus, Severity } from '../../../src-shared/model';

const STATUS_TONES: Readonly<Record<AlertStatus, BadgeTone>> = { new: 'info', acknowledged: 'neutral', dismissed: 'neutral', promoted: 'success' };

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <Badge tone={severityTone(severity)}>{severity}</Badge>;
}

export function StatusBadge({ status }: { status: AlertStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{status}</Badge>;
}
