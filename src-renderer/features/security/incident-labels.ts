// How incidents read on the Security screen: status words and tones, and who an incident is about.
import type { BadgeTone } from '../../components/Badge';
import type { IncidentStatus, SecurityIncident } from '../../../src-shared/security-model';

export const STATUS_TONES: Readonly<Record<IncidentStatus, BadgeTone>> = { open: 'danger', investigating: 'warning', resolved: 'success' };
export const STATUS_LABELS: Readonly<Record<IncidentStatus, string>> = { open: 'Open', investigating: 'Investigating', resolved: 'Resolved' };

export const subjectName = (incident: Pick<SecurityIncident, 'subject'>) =>
  incident.subject ? (incident.subject.name ?? incident.subject.id ?? 'Unknown account') : 'The vault';
