// A filtered list travels in the address: #triage/… and #investigations/… as key=value pairs that
// the lists parse into their filter form, so an analytics chart opens exactly what it counted and
// the list shows (and can clear) why it is short.
import { describe, expect, it } from 'vitest';
import { hashFor, routeFromHash } from '../../../src-renderer/kit/pages';
import { draftFromRouteParam, EMPTY_DRAFT, filterFromDraft, routeParamFromDraft } from '../../../src-renderer/features/triage/filter-form';
import { DEFAULT_LIST_FILTER, listFilterFromRouteParam, listQuery, routeParamFromListFilter } from '../../../src-renderer/features/investigations/list-filter';
import {
  alertsLink, breakdownAlertsLink, entityLink, resolvedInvestigationsLink, openInvestigationsLink, openedInvestigationsLink,
} from '../../../src-renderer/features/analytics/list-links';
import { localDaysLabel } from '../../../src-renderer/kit/route-query';

const NOW = 1_800_000_000_000;
const BERLIN_FALL_BACK = { from: '2026-10-25', to: '2026-10-25', timeZone: 'Europe/Berlin' };
const viaAddress = (page: 'triage' | 'investigations', param: string | null) => {
  const route = routeFromHash(hashFor(page, param));
  expect(route.page).toBe(page);
  return route.param;
};

describe('list filters in the address', () => {
  it('opens the queue on one local day: the 25 hours of a fall-back day in Berlin', () => {
    const { param } = alertsLink(BERLIN_FALL_BACK);
    expect(hashFor('triage', param)).toBe('#triage/from=2026-10-25&to=2026-10-25&tz=Europe/Berlin');
    const draft = draftFromRouteParam(viaAddress('triage', param));
    expect(draft).toEqual({ ...EMPTY_DRAFT, days: BERLIN_FALL_BACK });
    expect(filterFromDraft(draft, NOW)).toEqual({ from: Date.UTC(2026, 9, 24, 22), to: Date.UTC(2026, 9, 25, 23) });
  });

  it('keeps a rule with spaces, an ampersand, a plus and a formula intact through the address', () => {
    const rule = { source: 'edr & av', rule: '=1+1 100% "x"/y' };
    const { param } = alertsLink({ from: '2026-11-01', to: '2026-11-30', timeZone: 'Asia/Kolkata' }, rule);
    const draft = draftFromRouteParam(viaAddress('triage', param));
    expect(draft).toMatchObject({ source: rule.source, rule: rule.rule });
    expect(filterFromDraft(draft, NOW)).toEqual({
      source: rule.source, rule: rule.rule, from: Date.UTC(2026, 9, 31, 18, 30), to: Date.UTC(2026, 10, 30, 18, 30),
    });
  });

  it('opens a day\'s alerts of one severity or one source from the breakdown chart, and the whole day for the other sources', () => {
    const critical = draftFromRouteParam(viaAddress('triage', breakdownAlertsLink(BERLIN_FALL_BACK, { severity: 'critical' }).param));
    expect(critical).toEqual({ ...EMPTY_DRAFT, days: BERLIN_FALL_BACK, severity: 'critical' });
    expect(filterFromDraft(critical, NOW)).toEqual({ severity: ['critical'], from: Date.UTC(2026, 9, 24, 22), to: Date.UTC(2026, 9, 25, 23) });
    const source = draftFromRouteParam(viaAddress('triage', breakdownAlertsLink(BERLIN_FALL_BACK, { source: 'mail, gateway & co' }).param));
    expect(source).toEqual({ ...EMPTY_DRAFT, days: BERLIN_FALL_BACK, source: 'mail, gateway & co', sourceExact: true });
    expect(breakdownAlertsLink(BERLIN_FALL_BACK, { otherSources: 4 })).toEqual(alertsLink(BERLIN_FALL_BACK));
  });

  it('round-trips every field of the triage bar, and writes nothing for the empty bar', () => {
    const draft = { ...EMPTY_DRAFT, status: 'new' as const, severity: 'critical' as const, source: 's', rule: 'r', range: '24h' as const, text: 'two words' };
    expect(draftFromRouteParam(routeParamFromDraft(draft))).toEqual(draft);
    expect(routeParamFromDraft(EMPTY_DRAFT)).toBeNull();
  });

  it('ignores what it does not know and days that do not exist, and still reads the entity link', () => {
    expect(draftFromRouteParam('severity=urgent&status=gone&time=1y')).toEqual(EMPTY_DRAFT);
    expect(draftFromRouteParam('from=2026-02-30&to=2026-02-30&tz=UTC').days).toBeNull();
    expect(draftFromRouteParam('from=2026-02-03&tz=Nowhere/Atlantis').days).toBeNull();
    expect(draftFromRouteParam('from=2026-02-03&tz=UTC').days).toEqual({ from: '2026-02-03', to: '2026-02-03', timeZone: 'UTC' });
    const id = '0190a0b1-0000-7000-8000-000000000001';
    expect(draftFromRouteParam(`entity:${id}`).entityId).toBe(id);
  });

  it('opens the investigations opened on a day, whatever their status', () => {
    const { page, param } = openedInvestigationsLink({ from: '2026-03-29', to: '2026-03-29', timeZone: 'Europe/Berlin' });
    expect(page).toBe('investigations');
    const draft = listFilterFromRouteParam(viaAddress('investigations', param));
    expect(draft).toEqual({ ...DEFAULT_LIST_FILTER, status: '', opened: { from: '2026-03-29', to: '2026-03-29', timeZone: 'Europe/Berlin' } });
    // The spring-forward day is 23 hours long.
    expect(draft && listQuery(draft)).toEqual({ openedFrom: Date.UTC(2026, 2, 28, 23), openedTo: Date.UTC(2026, 2, 29, 22) });
  });

  it('opens the open investigations for the backlog, and leaves a plain address alone', () => {
    const draft = listFilterFromRouteParam(openInvestigationsLink().param);
    expect(draft).toEqual(DEFAULT_LIST_FILTER);
    expect(draft && listQuery(draft)).toEqual({ status: ['open', 'in_progress', 'pending'] });
    expect(listFilterFromRouteParam(null)).toBeNull();
    expect(routeParamFromListFilter(DEFAULT_LIST_FILTER)).toBeNull();
    const every = { ...DEFAULT_LIST_FILTER, status: 'closed' as const, severity: 'low' as const, assigneeId: 'u1', tag: 'fraud', text: 'ring' };
    expect(listFilterFromRouteParam(routeParamFromListFilter(every))).toEqual(every);
  });

  it('keeps other params whole: a search with & and =, and addresses written before = & / were left readable', () => {
    for (const query of ['a&b=c', 'x / y: 50%+1', 'entity:0190a0b1-0000-7000-8000-000000000001']) {
      expect(routeFromHash(hashFor('search', query)).param).toBe(query);
    }
    expect(routeFromHash('#investigation/abc%2Ftimeline').param).toBe('abc/timeline');
    expect(routeFromHash('#triage/entity%3Aabc').param).toBe('entity:abc');
  });

  it('says which days the list is filtered to, and the zone when it is not the user\'s', () => {
    expect(localDaysLabel(BERLIN_FALL_BACK, 'Europe/Berlin')).toBe('2026-10-25');
    expect(localDaysLabel(BERLIN_FALL_BACK, 'UTC')).toBe('2026-10-25, Europe/Berlin');
    expect(localDaysLabel({ from: '2026-11-01', to: '2026-11-30', timeZone: 'UTC' }, 'UTC')).toBe('2026-11-01 – 2026-11-30');
  });

  it('opens the investigations resolved on a Tokyo day with one resolution, or none recorded, from the resolutions chart', () => {
    const day = { from: '2026-03-03', to: '2026-03-03', timeZone: 'Asia/Tokyo' };
    const link = resolvedInvestigationsLink(day, 'no_violation');
    expect(hashFor(link.page, link.param)).toBe('#investigations/status=closed&resolution=no_violation&resolvedFrom=2026-03-03&resolvedTo=2026-03-03&tz=Asia/Tokyo');
    const draft = listFilterFromRouteParam(viaAddress('investigations', link.param));
    expect(draft).toEqual({ ...DEFAULT_LIST_FILTER, status: 'closed', resolution: 'no_violation', resolved: day });
    // A Tokyo day is 15:00 to 15:00 UTC.
    expect(listQuery(draft ?? DEFAULT_LIST_FILTER)).toEqual({
      status: ['closed'], resolution: 'no_violation', resolvedFrom: Date.UTC(2026, 2, 2, 15), resolvedTo: Date.UTC(2026, 2, 3, 15),
    });
    expect(listFilterFromRouteParam(resolvedInvestigationsLink(day, 'not_recorded').param)?.resolution).toBe('not_recorded');
    expect(listFilterFromRouteParam('status=closed&resolution=settled')).toEqual({ ...DEFAULT_LIST_FILTER, status: 'closed' });
  });

  it('opens an entity\'s page from the top entities', () => {
    const id = '0190a0b1-0000-7000-8000-000000000002';
    const entity = entityLink(id);
    expect(routeFromHash(hashFor(entity.page, entity.param))).toEqual({ page: 'entity', param: id });
  });
});
