// The search box's language, parsed by a pure function:
//   severity:high source:reports status:open kind:alert "exact phrase" words -excluded
// Fields narrow what is searched (several values: `severity:high,critical` or the field twice);
// words must all match; "quoted words" match as a phrase; -word (or -"phrase") must not match.
// A word like `https://…` is a word, not a field. User text never reaches FTS5 as syntax: every
// term is emitted as an FTS5 string (ftsMatchExpression).
// Shared: main searches with it; the window reads a saved query with it to open it in the triage queue.
import { VigilError } from './errors';
import { ALERT_STATUSES, SEVERITIES } from './model';
import { INVESTIGATION_STATUSES, type SearchHitKind } from './workspace-model';

export const SEARCH_FIELDS = ['severity', 'source', 'status', 'kind'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

export const SEARCH_HIT_KINDS: readonly SearchHitKind[] = ['alert', 'investigation', 'note', 'finding', 'entity'];

/** Allowed values per field; null = free text. */
const FIELD_VALUES: Record<SearchField, readonly string[] | null> = {
  severity: SEVERITIES,
  source: null,
  status: [...ALERT_STATUSES, ...INVESTIGATION_STATUSES],
  kind: SEARCH_HIT_KINDS,
};

export interface ParsedQuery {
  filters: Partial<Record<SearchField, string[]>>;
  /** Single words that must all appear. */
  words: string[];
  /** Quoted phrases that must appear as written (word order kept). */
  phrases: string[];
  /** Words or phrases that must not appear. */
  excluded: string[];
}

interface Token {
  text: string;
  quoted: boolean;
  negated: boolean;
  /** `field:` written before the value, if any. */
  field: string | null;
}

const FIELD_PREFIX = /^([A-Za-z_]+):(?!\/\/)/;

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = query.length;
  while (i < n) {
    while (i < n && /\s/.test(query[i] ?? '')) i += 1;
    if (i >= n) break;
    let negated = false;
    if (query[i] === '-' && i + 1 < n && !/\s/.test(query[i + 1] ?? '')) {
      negated = true;
      i += 1;
    }
    let field: string | null = null;
    const prefix = FIELD_PREFIX.exec(query.slice(i));
    if (prefix) {
      const name = (prefix[1] ?? '').toLowerCase();
      const valueFollows = i + prefix[0].length < n && !/\s/.test(query[i + prefix[0].length] ?? '');
      // "Warning:" on its own is a word; "status:" on its own is a filter missing its value.
      if (valueFollows || isField(name)) {
        field = name;
        i += prefix[0].length;
      }
    }
    if (query[i] === '"') {
      const close = query.indexOf('"', i + 1);
      if (close === -1) throw new VigilError('VALIDATION', 'A quote is not closed: add the closing " after the phrase', { position: i });
      tokens.push({ text: query.slice(i + 1, close), quoted: true, negated, field });
      i = close + 1;
      continue;
    }
    const start = i;
    while (i < n && !/\s/.test(query[i] ?? '')) i += 1;
    // A quote inside a word has no meaning; dropping it keeps the term an FTS5 string.
    tokens.push({ text: query.slice(start, i).replace(/"/g, ''), quoted: false, negated, field });
  }
  return tokens;
}

function isField(name: string): name is SearchField {
  return (SEARCH_FIELDS as readonly string[]).includes(name);
}

/** Control characters become spaces (they have no place in a search and would confuse snippets). */
const clean = (text: string) => [...text].map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? ' ' : c)).join('').replace(/\s+/g, ' ').trim();

export function parseSearchQuery(query: string): ParsedQuery {
  const parsed: ParsedQuery = { filters: {}, words: [], phrases: [], excluded: [] };
  for (const token of tokenize(query)) {
    if (token.field !== null) {
      if (!isField(token.field)) {
        throw new VigilError('VALIDATION', `Unknown field "${token.field}:"; known fields are ${SEARCH_FIELDS.map((f) => `${f}:`).join(', ')}`, {
          field: token.field, knownFields: [...SEARCH_FIELDS],
        });
      }
      if (token.negated) throw new VigilError('VALIDATION', `"-${token.field}:" is not supported: exclude words, or list the ${token.field} values you want`);
      const allowed = FIELD_VALUES[token.field];
      const values = (token.quoted ? [token.text] : token.text.split(',')).map((v) => clean(allowed ? v.toLowerCase() : v)).filter((v) => v.length > 0);
      if (values.length === 0) throw new VigilError('VALIDATION', `Give a value after "${token.field}:"`);
      for (const value of values) {
        if (allowed && !allowed.includes(value)) {
          throw new VigilError('VALIDATION', `"${value}" is not a ${token.field}; use one of ${allowed.join(', ')}`, { field: token.field, allowed: [...allowed] });
        }
      }
      const list = parsed.filters[token.field] ?? [];
      parsed.filters[token.field] = [...new Set([...list, ...values])];
      continue;
    }
    const text = clean(token.text);
    if (text.length === 0) continue;
    if (token.negated) parsed.excluded.push(text);
    else if (token.quoted && text.includes(' ')) parsed.phrases.push(text);
    else parsed.words.push(text);
  }
  if (parsed.excluded.length > 0 && parsed.words.length === 0 && parsed.phrases.length === 0) {
    throw new VigilError('VALIDATION', 'Say what to search for as well as what to leave out');
  }
  return parsed;
}

/** The FTS5 MATCH expression, every term an FTS5 string; null when there is no text to match. */
export function ftsMatchExpression(query: ParsedQuery): string | null {
  const quote = (text: string) => `"${text.replace(/"/g, '')}"`;
  const positive = [...query.words, ...query.phrases].map(quote);
  if (positive.length === 0) return null;
  return [positive.join(' '), ...query.excluded.map((e) => `NOT ${quote(e)}`)].join(' ');
}

/** What the UI shows as "understood": the terms, exclusions with a leading minus. */
export function describedTerms(query: ParsedQuery): string[] {
  return [...query.words, ...query.phrases.map((p) => `"${p}"`), ...query.excluded.map((e) => `-${e.includes(' ') ? `"${e}"` : e}`)];
}
