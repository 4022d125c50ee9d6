// Search snippets: «…» markers become highlighted segments (as text, never markup), hits open where they live.
import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../../src-shared/workspace-model';
import { groupHits, hitDestination, snippetSegments } from '../../../src-renderer/features/search/snippet';

const hit = (overrides: Partial<SearchHit>): SearchHit => ({ kind: 'alert', id: 'h1', investigationId: null, title: 't', snippet: '', at: 0, ...overrides });

describe('search snippets', () => {
  it('splits text and marked words', () => {
    expect(snippetSegments('a refund «scam» via «gift» cards')).toEqual([
      { text: 'a refund ', mark: false }, { text: 'scam', mark: true }, { text: ' via ', mark: false }, { text: 'gift', mark: true }, { text: ' cards', mark: false },
    ]);
  });

  it('keeps markup in a snippet as plain text to be rendered as a text node', () => {
    expect(snippetSegments('<img src=x onerror=alert(1)> «hit»')).toEqual([
      { text: '<img src=x onerror=alert(1)> ', mark: false }, { text: 'hit', mark: true },
    ]);
  });

  it('copes with an unclosed marker, a stray closing one and empty marks', () => {
    expect(snippetSegments('start «open to end')).toEqual([{ text: 'start ', mark: false }, { text: 'open to end', mark: true }]);
    expect(snippetSegments('stray » here')).toEqual([{ text: 'stray » here', mark: false }]);
    expect(snippetSegments('«»x')).toEqual([{ text: 'x', mark: false }]);
    expect(snippetSegments('')).toEqual([]);
  });

  it('opens each kind of hit where it lives', () => {
    expect(hitDestination(hit({ kind: 'entity', id: 'e1' }))).toEqual({ page: 'entity', param: 'e1' });
    expect(hitDestination(hit({ kind: 'investigation', id: 'i1' }))).toEqual({ page: 'investigation', param: 'i1' });
    expect(hitDestination(hit({ kind: 'note', id: 'n1', investigationId: 'i2' }))).toEqual({ page: 'investigation', param: 'i2' });
    expect(hitDestination(hit({ kind: 'finding', id: 'f1', investigationId: 'i3' }))).toEqual({ page: 'investigation', param: 'i3' });
    expect(hitDestination(hit({ kind: 'alert', id: 'a1', investigationId: 'i4' }))).toEqual({ page: 'investigation', param: 'i4' });
    expect(hitDestination(hit({ kind: 'alert', id: 'a1' }))).toEqual({ page: 'triage', param: 'alert:a1' });
  });

  it('groups hits by kind in a fixed order and leaves out empty kinds', () => {
    const groups = groupHits([hit({ kind: 'note', id: 'n' }), hit({ kind: 'alert', id: 'a' }), hit({ kind: 'note', id: 'n2' })]);
    expect(groups.map((group) => [group.kind, group.hits.length])).toEqual([['alert', 1], ['note', 2]]);
  });
});
