// Severity as a word with a tone, the same wherever it is shown (the triage queue, the alert
// detail, entity pages, investigation lists and headers). The tone only supports the word.
import type { Severity } from '../../src-shared/model';
import type { BadgeTone } from './Badge';

export { SEVERITY_LABELS } from '../../src-shared/model';

const SEVERITY_TONES: Readonly<Record<Severity, BadgeTone>> = { low: 'neutral', medium: 'info', high: 'warning', critical: 'danger' };

export function severityTone(severity: Severity): BadgeTone {
  return SEVERITY_TONES[severity];
}
