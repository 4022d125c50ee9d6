// The investigations list asks main for what the filters say (no empty filters, "Active" = not
// closed), and a template pre-fills severity, tags and the SLA due time of a new investigation.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIST_FILTER, listQuery } from '../../../src-renderer/features/investigations/list-filter';
import { fromLocalInput, parseTags, templateDefaults, toLocalInput } from '../../../src-renderer/features/investigations/template-draft';
import type { InvestigationTemplate } from '../../../src-shared/workspace-model';

describe('investigations list filter', () => {
  it('shows active cases by default: every status except closed', () => {
    expect(listQuery(DEFAULT_LIST_FILTER)).toEqual({ status: ['open', 'in_progress', 'pending'] });
  });

  it('sends only the filters that are set, trimmed, tags lower-cased', () => {
    const query = listQuery({ status: 'closed', severity: 'high', assigneeId: 'u1', tag: ' Fraud ', text: '  ring  ', opened: null });
    expect(query).toEqual({ status: ['closed'], severity: ['high'], assignee: 'u1', tag: 'fraud', text: 'ring' });
  });

  it('sends no status at all for "any status"', () => {
    expect(listQuery({ ...DEFAULT_LIST_FILTER, status: '' })).toEqual({});
  });
});

describe('new investigation from a template', () => {
  const template: InvestigationTemplate = {
    id: 'fraud_ring', name: 'Fraud ring', description: '', severity: 'high', tags: ['fraud', 'ring'], tasks: ['Map accounts'], slaHours: 48,
  };
  const now = new Date(2025, 10, 25, 9, 30).getTime();

  it('pre-fills severity, tags and an SLA due time slaHours from now', () => {
    const defaults = templateDefaults(template, now);
    expect(defaults.severity).toBe('high');
    expect(defaults.tags).toBe('fraud, ring');
    expect(fromLocalInput(defaults.slaDue)).toBe(now + 48 * 3600_000);
  });

  it('leaves the SLA empty for a template without one', () => {
    expect(templateDefaults({ ...template, slaHours: 0 }, now).slaDue).toBe('');
  });

  it('round-trips datetime-local values and refuses impossible dates', () => {
    expect(fromLocalInput(toLocalInput(now))).toBe(now);
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('2025-02-30T10:00')).toBeNull();
  });

  it('splits tags on commas and spaces, lower-cases and drops duplicates', () => {
    expect(parseTags('Fraud, ring  fraud,,spam:wave')).toEqual(['fraud', 'ring', 'spam:wave']);
  });
});
