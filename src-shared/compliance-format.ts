// How a control's status and evidence read, the same on the Compliance screen and in the report.
import type { ControlStatus, EvidenceValue } from './compliance-contract';

export const STATUS_LABELS: Record<ControlStatus, string> = {
  pass: 'PASS', fail: 'FAIL', error: 'ERROR', not_applicable: 'NOT APPLICABLE', not_evaluated: 'NOT EVALUATED',
};

/** withoutTwoFactor → "without two factor". */
export function evidenceLabel(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

export function evidenceText(value: EvidenceValue): string {
  if (value === null) return '—';
  if (Array.isArray(value)) return value.length === 0 ? 'none' : value.join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  // Times are kept as ISO 8601 in UTC: shown to the minute, with their zone.
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value)) return `${value.slice(0, 10)} ${value.slice(11, 16)} UTC`;
  return String(value);
}

/** "administrators: 1; without two factor: ada". */
export function evidenceLine(evidence: Readonly<Record<string, EvidenceValue>>): string {
  const parts = Object.entries(evidence).map(([key, value]) => `${evidenceLabel(key)}: ${evidenceText(value)}`);
  return parts.length === 0 ? 'none' : parts.join('; ');
}
