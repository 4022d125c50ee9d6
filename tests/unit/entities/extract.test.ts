import { describe, expect, it } from 'vitest';
import { extractEntities } from '../../../src-main/entities/extract';

const kinds = (text: string) => extractEntities(text).map((e) => `${e.kind}:${e.value}`).sort();

describe('extracting entities from free text', () => {
  it('finds emails, URLs with their hosts, IPs and phone numbers', () => {
    expect(kinds('Login from 198.51.100.23 to https://Acc0unt-verify.example.net/login?u=1 by Jane.Doe@Example.com, call +1 (555) 010-9999.')).toEqual([
      'domain:acc0unt-verify.example.net',
      'email:jane.doe@example.com',
      'ip:198.51.100.23',
      'phone:+15550109999',
      'url:http://acc0unt-verify.example.net/login'.replace('http:', 'https:'),
    ].sort());
  });

  it('does not report the domain of an email twice, nor file names as domains', () => {
    expect(kinds('Mail from ops@corp.example.org with invoice.pdf attached')).toEqual(['email:ops@corp.example.org']);
  });

  it('finds IPv6 addresses and de-duplicates repeated values', () => {
    expect(kinds('2001:DB8::1 and 2001:db8:0:0:0:0:0:1 again, then 10.0.0.1, 10.0.0.1')).toEqual(['ip:10.0.0.1', 'ip:2001:db8::1']);
  });

  it('ignores ISO dates and plain numbers', () => {
    expect(kinds('Seen 2016-02-29 01:16 with 42 events, ticket 12345')).toEqual([]);
  });

  it('stays bounded on a hostile, huge text', () => {
    for (const text of [`${'a.'.repeat(500_000)}x`, `${'a'.repeat(200_000)}@`, `${'1 '.repeat(300_000)}`, `http://${'a'.repeat(300_000)}`, `${'a-'.repeat(300_000)}.c`]) {
      const start = performance.now();
      extractEntities(text);
      // Generous for a slow CI box; quadratic backtracking would take minutes.
      expect(performance.now() - start).toBeLessThan(1500);
    }
  });
});
