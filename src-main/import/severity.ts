// Severity words and numbers from other tools onto Vigil's four levels. Numbers follow the
// ticketing convention (1 = most urgent, as in P1 and ServiceNow's "1 - Critical"); a profile's
// severityMap overrides this for tools that count the other way.

import { SEVERITIES, type Severity } from '../../src-shared/model';

export { SEVERITIES, type Severity };

export type SeverityResult = { ok: true; severity: Severity } | { ok: false; reason: string };

const WORDS: Record<string, Severity> = {
  critical: 'critical',
  crit: 'critical',
  urgent: 'critical',
  emergency: 'critical',
  fatal: 'critical',
  severe: 'critical',
  'very high': 'critical',
  highest: 'critical',
  high: 'high',
  major: 'high',
  important: 'high',
  error: 'high',
  medium: 'medium',
  moderate: 'medium',
  med: 'medium',
  normal: 'medium',
  warning: 'medium',
  warn: 'medium',
  low: 'low',
  minor: 'low',
  lowest: 'low',
  trivial: 'low',
  info: 'low',
  informational: 'low',
  notice: 'low',
  planning: 'low',
};

// 1–4 and 1–5 scales alike: 5 ("planning" in ServiceNow) is as low as 4.
const BY_RANK: Record<number, Severity> = { 1: 'critical', 2: 'high', 3: 'medium', 4: 'low', 5: 'low' };

/** Maps '1 - Critical', '3 - Moderate', 'P1', 'sev2', 'High', '4' … to a severity, or says why not. */
export function normaliseSeverity(text: string): SeverityResult {
  const value = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (value === '') return { ok: false, reason: 'empty' };

  const word = WORDS[value];
  if (word !== undefined) return { ok: true, severity: word };

  // "1 - Critical", "2 - High": the word decides, because ServiceNow's impact and urgency use the
  // same numbers for other words ("1 - High").
  const labelled = /^(\d)\s*[-–:.)]\s*(.+)$/.exec(value);
  if (labelled) {
    const labelWord = WORDS[labelled[2] ?? ''];
    if (labelWord !== undefined) return { ok: true, severity: labelWord };
  }

  const ranked = /^(?:p|sev|severity|priority)?\s*[-_ ]?\s*(\d+)$/.exec(value);
  if (ranked) {
    const rank = Number(ranked[1]);
    const severity = BY_RANK[rank];
    if (severity !== undefined) return { ok: true, severity };
    return { ok: false, reason: `rank ${rank} is outside 1–5` };
  }
  return { ok: false, reason: `unrecognised severity "${text.trim()}"` };
}

/** Uses the profile's own map first (matched case-insensitively), then the built-in rules. */
export function resolveSeverity(text: string, severityMap?: Record<string, Severity>): SeverityResult {
  if (severityMap !== undefined) {
    const key = text.trim().toLowerCase();
    for (const [from, severity] of Object.entries(severityMap)) {
      if (from.trim().toLowerCase() === key) return { ok: true, severity };
    }
  }
  return normaliseSeverity(text);
}
