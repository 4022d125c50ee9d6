// Severity as a word with a tone, the same on the list, the workspace header and the alerts tab.
import type { Severity } from '../../../src-shared/model';
import type { BadgeTone } from '../../components/Badge';

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };

export function severityTone(severity: Severity): BadgeTone {
  if (severity === 'critical') return 'danger';
  if (severity === 'high') return 'warning';
  if (severity === 'medium') return 'info';
  return 'neutral';
}
