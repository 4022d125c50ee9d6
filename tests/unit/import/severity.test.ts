import { describe, expect, it } from 'vitest';
import { normaliseSeverity, resolveSeverity, type Severity } from '../../../src-main/import/severity';

function severityOf(text: string): Severity {
  const result = normaliseSeverity(text);
  if (!result.ok) throw new Error(`expected "${text}" to map, got: ${result.reason}`);
  return result.severity;
}

describe('normaliseSeverity', () => {
  it("maps ServiceNow's priority labels by their word", () => {
    expect(severityOf('1 - Critical')).toBe('critical');
    expect(severityOf('2 - High')).toBe('high');
    expect(severityOf('3 - Moderate')).toBe('medium');
    expect(severityOf('4 - Low')).toBe('low');
    expect(severityOf('5 - Planning')).toBe('low');
    // Impact and urgency number their words differently: the word wins over the digit.
    expect(severityOf('1 - High')).toBe('high');
    expect(severityOf('2 - Medium')).toBe('medium');
  });

  it('maps P and sev ranks, 1 being the most urgent', () => {
    expect(['P1', 'p2', 'P3', 'P4', 'P5'].map(severityOf)).toEqual(['critical', 'high', 'medium', 'low', 'low']);
    expect(['sev1', 'Sev 2', 'SEV-3', 'severity 4', 'priority 1'].map(severityOf)).toEqual(['critical', 'high', 'medium', 'low', 'critical']);
    expect(['1', '2', '3', '4', '5'].map(severityOf)).toEqual(['critical', 'high', 'medium', 'low', 'low']);
  });

  it('maps common words in any case and spacing', () => {
    expect(['HIGH', ' Medium ', 'low', 'Very  High', 'informational', 'warning', 'crit', 'minor'].map(severityOf)).toEqual([
      'high',
      'medium',
      'low',
      'critical',
      'low',
      'medium',
      'critical',
      'low',
    ]);
  });

  it('says why it cannot map a value instead of guessing', () => {
    expect(normaliseSeverity('')).toEqual({ ok: false, reason: 'empty' });
    expect(normaliseSeverity('0')).toEqual({ ok: false, reason: 'rank 0 is outside 1–5' });
    expect(normaliseSeverity('P7')).toEqual({ ok: false, reason: 'rank 7 is outside 1–5' });
    expect(normaliseSeverity('3 - Bogus')).toMatchObject({ ok: false });
    expect(normaliseSeverity('7.5')).toMatchObject({ ok: false });
    expect(normaliseSeverity('banana')).toEqual({ ok: false, reason: 'unrecognised severity "banana"' });
  });
});

describe('resolveSeverity', () => {
  it("uses the profile's map first, case-insensitively, then the built-in rules", () => {
    // A tool that counts upwards: its 4 is the worst.
    const map: Record<string, Severity> = { '4': 'critical', 'Sev-A': 'critical' };
    expect(resolveSeverity('4', map)).toEqual({ ok: true, severity: 'critical' });
    expect(resolveSeverity(' sev-a ', map)).toEqual({ ok: true, severity: 'critical' });
    expect(resolveSeverity('high', map)).toEqual({ ok: true, severity: 'high' });
    expect(resolveSeverity('4')).toEqual({ ok: true, severity: 'low' });
  });
});
