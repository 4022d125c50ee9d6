// The filter bar's draft becomes the contract's alert filter: blanks mean "any", time ranges count back from now.
import { describe, expect, it } from 'vitest';
import { activeFilterCount, alertFromRouteParam, draftFromRouteParam, EMPTY_DRAFT, filterFromDraft } from '../../../src-renderer/features/triage/filter-form';

const NOW = 1_750_000_000_000;

describe('triage filter form', () => {
  it('an empty draft asks for every alert', () => {
    expect(filterFromDraft(EMPTY_DRAFT, NOW)).toEqual({});
    expect(activeFilterCount(EMPTY_DRAFT)).toBe(0);
  });

  it('turns each filled field into its filter, trimming words; typed sources and rules are prefixes', () => {
    const draft = { ...EMPTY_DRAFT, status: 'new' as const, severity: 'high' as const, source: ' reports ', rule: 'r1', text: ' refund scam ', range: '24h' as const };
    expect(filterFromDraft(draft, NOW)).toEqual({
      status: ['new'], severity: ['high'], sourcePrefix: 'reports', rulePrefix: 'r1', text: 'refund scam', from: NOW - 86_400_000,
    });
    expect(activeFilterCount(draft)).toBe(6);
  });

  it('opens the queue filtered to one entity from #triage/entity:<id>, and ignores anything else', () => {
    const id = '0190a0b1-0000-7000-8000-000000000001';
    expect(filterFromDraft(draftFromRouteParam(`entity:${id}`), NOW)).toEqual({ entityId: id });
    expect(draftFromRouteParam('entity:not-an-id')).toEqual(EMPTY_DRAFT);
    expect(draftFromRouteParam(null)).toEqual(EMPTY_DRAFT);
  });

  it('opens the untriaged alerts Home counts from #triage/status=new', () => {
    expect(filterFromDraft(draftFromRouteParam('status=new'), NOW)).toEqual({ status: ['new'] });
    expect(draftFromRouteParam('status:dismissed')).toEqual(EMPTY_DRAFT);
  });

  it('opens one alert\'s detail from #triage/alert:<id> (a search hit) without filtering the queue', () => {
    const id = '0190a0b1-0000-7000-8000-000000000002';
    expect(alertFromRouteParam(`alert:${id}`)).toBe(id);
    expect(draftFromRouteParam(`alert:${id}`)).toEqual(EMPTY_DRAFT);
    expect(alertFromRouteParam(`entity:${id}`)).toBeNull();
  });
});
