// Search snippets through the caller's PII lens. FTS5 marks matches with private markers; a caller
// who sees everything gets them as « ». For a masked caller the markers could split a value
// ("j.«doe»@example.com") so masking would miss it: the text is masked whole, unmarked, and the
// query's terms are highlighted again in the masked text.
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
  return highlight(lens.text(marked.replace(MARKERS, ''), known), terms);
}
