import { describe, expect, it } from 'vitest';
import { highlight, lensSnippet, MATCH_CLOSE, MATCH_OPEN } from '../../../src-main/search/snippets';
import { FULL_VIEW, maskingLens } from '../../../src-main/pii/pii-lens';

const mark = (text: string) => text.replaceAll('[', MATCH_OPEN).replaceAll(']', MATCH_CLOSE);

describe('search snippets', () => {
  it('shows FTS markers as « » to a caller who sees everything', () => {
    expect(lensSnippet(mark('login from [j.doe]@example.com'), FULL_VIEW, ['doe'])).toBe('login from «j.doe»@example.com');
  });

  it('masks a value even when the match marker falls inside it', () => {
    const shown = lensSnippet(mark('login from j.[doe]@example.com failed'), maskingLens(), ['doe']);
    expect(shown).toBe('login from j***@example.com failed');
    expect(shown).not.toContain('doe');
  });

  it('highlights the terms again in the masked text', () => {
    expect(lensSnippet(mark('[Phishing] kit at 198.51.100.23'), maskingLens(), ['phishing'])).toBe('«Phishing» kit at 198.51.100.x');
  });

  it('masks known accounts that free-text extraction cannot recognise', () => {
    const known = [{ kind: 'account' as const, value: 'acct-77120099' }];
    expect(lensSnippet(mark('[spam] by acct-77120099'), maskingLens(), ['spam'], known)).toBe('«spam» by ****0099');
  });

  it('masks a long text whole before cutting the window, so a value at the window edge is never half shown', () => {
    const text = `${'filler words here '.repeat(10)}profile /u/[bob].jones@example.org was reported ${'and more words '.repeat(10)}`;
    const shown = lensSnippet(mark(text), maskingLens(), ['bob']);
    expect(shown).not.toContain('jones');
    expect(shown).toMatch(/^….*b\*\*\*@example\.org.*…$/);
    expect(shown.split(' ').length).toBeLessThanOrEqual(17);
  });

  it('highlights longest terms first and treats them literally', () => {
    expect(highlight('a.b ab a.bc', ['a.b', 'a.bc'])).toBe('«a.b» ab «a.bc»');
  });
});
