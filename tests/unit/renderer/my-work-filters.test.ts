// The triage queue's and the investigations list's views as addresses: every filter, the assignee
// (me, unassigned, one person), exact or prefix sources and rules, and the sort come back from the
// URL as they were, so a reload or a shared link shows the same view.
import { describe, expect, it } from 'vitest';
import { draftFromRouteParam, EMPTY_DRAFT, filterFromDraft, routeParamFromDraft, type FilterDraft } from '../../../src-renderer/features/triage/filter-form';
import { DEFAULT_LIST_FILTER, listFilterFromRouteParam, listQuery, routeParamFromListFilter } from '../../../src-renderer/features/investigations/list-filter';

const NOW = 1_750_000_000_000;
const USER = '0190a0b1-0000-7000-8000-00000000000a';
/** What the address bar does to the param: it travels as the hash and is read back as text. */
const viaAddress = (param: string | null) => new URL(`http://x/#triage/${param ?? ''}`).hash.slice('#triage/'.length) || null;

describe('the triage view in the address', () => {
  it('round-trips assignee, prefix and exact matches, sort and order with the other filters', () => {
    const drafts: FilterDraft[] = [
      { ...EMPTY_DRAFT, assignee: 'me', source: 'mail', rule: 'phish', sort: 'severity', order: 'oldest' },
      { ...EMPTY_DRAFT, assignee: 'none', status: 'new', sort: 'status' },
      { ...EMPTY_DRAFT, assignee: USER, source: 'mail gateway', sourceExact: true, rule: 'r/1:x', ruleExact: true, range: '7d', text: 'refund' },
    ];
    for (const draft of drafts) expect(draftFromRouteParam(viaAddress(routeParamFromDraft(draft)))).toEqual(draft);
  });

  it('writes nothing for the default view, and the sort only when it is not newest first by time', () => {
    expect(routeParamFromDraft(EMPTY_DRAFT)).toBeNull();
    expect(routeParamFromDraft({ ...EMPTY_DRAFT, order: 'oldest' })).toBe('order=oldest');
    expect(routeParamFromDraft({ ...EMPTY_DRAFT, assignee: 'me' })).toBe('assignee=me');
  });

  it('asks main for "me" by name (main resolves it), never for an id the window picked', () => {
    expect(filterFromDraft({ ...EMPTY_DRAFT, assignee: 'me' }, NOW)).toEqual({ assignee: 'me' });
    expect(filterFromDraft({ ...EMPTY_DRAFT, assignee: 'none' }, NOW)).toEqual({ assignee: 'none' });
    expect(filterFromDraft({ ...EMPTY_DRAFT, source: 'ma', rule: 'ph' }, NOW)).toEqual({ sourcePrefix: 'ma', rulePrefix: 'ph' });
    expect(filterFromDraft({ ...EMPTY_DRAFT, source: 'mail', sourceExact: true }, NOW)).toEqual({ source: 'mail' });
  });

  it('ignores an assignee or sort it does not know', () => {
    const draft = draftFromRouteParam('assignee=everyone&sort=title&order=sideways');
    expect([draft.assignee, draft.sort, draft.order]).toEqual(['', 'occurred', 'newest']);
    expect(filterFromDraft(draft, NOW)).toEqual({});
  });
});

describe('the investigations view in the address', () => {
  it('round-trips mine, unassigned and one person, with the sort', () => {
    for (const assigneeId of ['me', 'none', USER]) {
      const draft = { ...DEFAULT_LIST_FILTER, assigneeId, sort: 'status' as const, direction: 'asc' as const };
      expect(listFilterFromRouteParam(routeParamFromListFilter(draft))).toEqual(draft);
      expect(listQuery(draft)).toMatchObject({ assignee: assigneeId, sort: 'status', direction: 'asc' });
    }
  });
});
