// A saved search opens as the triage queue's filter when the queue can say what it asks, and says
// why not otherwise.
import { describe, expect, it } from 'vitest';
import { triageDraftFromQuery } from '../../../src-renderer/features/search/triage-from-query';
import { EMPTY_DRAFT, filterFromDraft } from '../../../src-renderer/features/triage/filter-form';

describe('a saved query in the triage queue', () => {
  it('carries one severity, one alert status, one exact source and the words', () => {
    const result = triageDraftFromQuery('severity:high status:new source:mail-gw kind:alert refund scam');
    expect(result).toEqual({
      ok: true,
      draft: { ...EMPTY_DRAFT, severity: 'high', status: 'new', source: 'mail-gw', sourceExact: true, text: 'refund scam' },
    });
    if (result.ok) expect(filterFromDraft(result.draft, 0)).toEqual({ severity: ['high'], status: ['new'], source: 'mail-gw', text: 'refund scam' });
  });

  it('says why it cannot open a query the queue cannot express', () => {
    const reasons = [
      'kind:investigation fraud', '"exact phrase"', 'refund -test', 'severity:high,critical', 'status:in_progress', 'colour:red',
    ].map((query) => triageDraftFromQuery(query));
    for (const result of reasons) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason.length).toBeGreaterThan(10);
    }
  });
});
