// A template fills the new-investigation form: severity, tags and an SLA due time from now. The
// form shows datetime-local values (local wall time, minutes), converted here both ways.
import type { Severity } from '../../../src-shared/model';
import type { InvestigationTemplate } from '../../../src-shared/workspace-model';

export interface DraftDefaults {
  severity: Severity;
  tags: string;
  slaDue: string;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** 2025-11-25T14:03 in local time, as <input type="datetime-local"> wants it. */
export function toLocalInput(epochMs: number): string {
  const date = new Date(epochMs);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The instant a datetime-local value names in local time; null when empty or not a date. */
export function fromLocalInput(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const date = new Date(year, month - 1, day, hour, minute);
  return Number.isNaN(date.getTime()) || date.getMonth() !== month - 1 ? null : date.getTime();
}

export function templateDefaults(template: InvestigationTemplate, now: number): DraftDefaults {
  return {
    severity: template.severity,
    tags: template.tags.join(', '),
    slaDue: template.slaHours > 0 ? toLocalInput(now + template.slaHours * 3600_000) : '',
  };
}

/** "fraud, Ring:2 ,, spam" → ['fraud', 'ring:2', 'spam'] (main validates each). */
export function parseTags(text: string): string[] {
  const tags = text.split(/[,\s]+/).map((tag) => tag.trim().toLowerCase()).filter((tag) => tag !== '');
  return [...new Set(tags)];
}
