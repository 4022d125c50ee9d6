import { describe, expect, it } from 'vitest';
import { describedTerms, ftsMatchExpression, parseSearchQuery } from '../../../src-main/search/query-syntax';
import { VigilError } from '../../../src-shared/errors';

function errorOf(query: string): VigilError {
  try {
    parseSearchQuery(query);
  } catch (error) {
    if (error instanceof VigilError) return error;
    throw error;
  }
  throw new Error('expected a VigilError');
}

describe('the search query syntax', () => {
  it('reads fields, phrases, words and exclusions', () => {
    const parsed = parseSearchQuery('severity:high source:reports status:open kind:alert "exact phrase" words -excluded');
    expect(parsed).toEqual({
      filters: { severity: ['high'], source: ['reports'], status: ['open'], kind: ['alert'] },
      words: ['words'],
      phrases: ['exact phrase'],
      excluded: ['excluded'],
    });
    expect(ftsMatchExpression(parsed)).toBe('"words" "exact phrase" NOT "excluded"');
    expect(describedTerms(parsed)).toEqual(['words', '"exact phrase"', '-excluded']);
  });

  it('takes several values per field, by comma or by repeating the field, and quoted free-text values', () => {
    const parsed = parseSearchQuery('severity:high,critical severity:LOW source:"abuse desk" phishing');
    expect(parsed.filters).toEqual({ severity: ['high', 'critical', 'low'], source: ['abuse desk'] });
  });

  it('refuses an unknown field and lists the known ones', () => {
    const error = errorOf('assignee:bob fraud');
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toContain('severity:, source:, status:, kind:');
    expect(error.details).toMatchObject({ field: 'assignee', knownFields: ['severity', 'source', 'status', 'kind'] });
  });

  it('refuses a value a field does not have', () => {
    expect(errorOf('severity:urgent').message).toMatch(/not a severity; use one of low, medium, high, critical/);
    expect(errorOf('kind:alerts').code).toBe('VALIDATION');
    expect(errorOf('status:').code).toBe('VALIDATION');
  });

  it('refuses an unclosed quote with a clear message', () => {
    expect(errorOf('"credential stuffing').message).toMatch(/quote is not closed/);
  });

  it('refuses a query that only excludes', () => {
    expect(errorOf('-spam').message).toMatch(/as well as what to leave out/);
  });

  it('refuses FTS column filters as unknown fields instead of passing them on', () => {
    expect(errorOf('title:x fraud').code).toBe('VALIDATION');
    expect(parseSearchQuery('Warning: fraud').words).toEqual(['Warning:', 'fraud']);
  });

  it('keeps FTS operators as literal strings', () => {
    const parsed = parseSearchQuery('fraud OR NEAR(a pay* ab"c');
    expect(ftsMatchExpression(parsed)).toBe('"fraud" "OR" "NEAR(a" "pay*" "abc"');
  });

  it('treats a URL as a word, not a field', () => {
    const parsed = parseSearchQuery('https://evil.example/login');
    expect(parsed.words).toEqual(['https://evil.example/login']);
    expect(parsed.filters).toEqual({});
  });

  it('allows filters without words', () => {
    const parsed = parseSearchQuery('severity:critical');
    expect(ftsMatchExpression(parsed)).toBeNull();
  });
});
