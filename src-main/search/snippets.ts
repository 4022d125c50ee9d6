// Search snippets through the caller's PII lens. FTS5 marks matches with private markers; a caller
// who sees everything gets FTS5's own snippet with them as « ». A masked caller gets the whole text
// instead (FTS5's snippet cuts values in half — "…/u/bob.jones@example…" is no longer an email a
// scanner can recognise), masked whole and unmarked (a marker could split a value too), the
// query's terms highlighted again, and only then cut to a window around the first match.
import type { EntityKind } from '../entities/entity-kinds';
import type { PiiLens } from '../pii/pii-lens';

export const MATCH_OPEN = '\u0002';
export const MATCH_CLOSE = '\u0003';
const MARKERS = new RegExp(`[${MATCH_OPEN}${MATCH_CLOSE}]`, 'g');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Wraps each occurrence of the terms (case-insensitive, longest first) in « ». */
export function highlight(text: string, terms: readonly string[]): string {
  const needles = [...new Set(terms.filter((t) => t.length > 0))].sort((a, b) => b.length - a.length);
  if (needles.length === 0) return text;
  return text.replace(new RegExp(needles.map(escapeRegExp).join('|'), 'giu'), (m) => `«${m}»`);
}

export function lensSnippet(
  marked: string,
  lens: PiiLens,
  terms: readonly string[],
  known: readonly { kind: EntityKind; value: string }[] = [],
): string {
  if (lens.seesAll) return marked.replaceAll(MATCH_OPEN, '«').replaceAll(MATCH_CLOSE, '»');
  const unmarked = marked.replace(MARKERS, '');
  const matchWord = words(marked.slice(0, Math.max(0, marked.indexOf(MATCH_OPEN)))).length;
  return window(highlight(lens.text(unmarked, known), terms), matchWord);
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '');
}

/** Words shown around the first highlighted match, like FTS5's snippet of 16 tokens. */
const WORDS_BEFORE = 6;
const WORDS_AFTER = 10;

/**
 * Cuts already-masked text to a window of words around its first « or, when masking hid the
 * matched term, around the word where FTS5 marked the match (masks hold no spaces, so the count
 * can only shrink by the spaces inside a masked phone or card number).
 */
function window(text: string, matchWord: number): string {
  const all = words(text);
  const highlighted = all.findIndex((w) => w.includes('«'));
  const first = highlighted >= 0 ? highlighted : Math.min(matchWord, Math.max(0, all.length - 1));
  const from = Math.max(0, first - WORDS_BEFORE);
  const to = Math.min(all.length, first + WORDS_AFTER);
  return `${from > 0 ? '…' : ''}${all.slice(from, to).join(' ')}${to < all.length ? '…' : ''}`;
}
