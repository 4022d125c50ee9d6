import { describe, expect, it } from 'vitest';
import { maskEntity, maskText } from '../../../src-main/entities/masking';
import { extractEntities } from '../../../src-main/entities/extract';

describe('PII masking', () => {
  it('masks each PII kind, and leaves other kinds alone', () => {
    expect(maskEntity('email', 'jane.doe@example.com')).toBe('j***@example.com');
    expect(maskEntity('ip', '203.0.113.77')).toBe('203.0.113.x');
    expect(maskEntity('ip', '2001:db8:85a3::8a2e:370:7334')).toBe('2001:db8:85a3::x');
    expect(maskEntity('phone', '+442079460958')).toBe('+**********58');
    expect(maskEntity('account', 'u-123456')).toBe('****3456');
    expect(maskEntity('payment', 'card-4000-xxxx-1234')).toBe('****1234');
    expect(maskEntity('domain', 'evil.example')).toBe('evil.example');
    expect(maskEntity('url', 'https://evil.example')).toBe('https://evil.example');
  });

  it('masks URLs past their host, since paths carry emails, phone numbers and names', () => {
    expect(maskEntity('url', 'https://corp.example/reset/alice.smith@example.org/confirm')).toBe('https://corp.example/***');
    expect(maskEntity('url', 'https://wa.me/15551234567')).toBe('https://wa.me/***');
    expect(maskEntity('url', 'http://198.51.100.23/admin?user=bob')).toBe('http://198.51.100.x/***');
    expect(maskEntity('url', 'https://[2001:db8::1]/x')).toBe('https://[2001:db8:0::x]/***');
  });

  it('masks IPv6 from its parsed groups, and IPv4-mapped addresses as the IPv4 they carry', () => {
    expect(maskEntity('ip', '::ffff:198.51.100.23')).toBe('::ffff:198.51.100.x');
    expect(maskEntity('ip', '::1')).toBe('0:0:0::x');
    expect(maskEntity('ip', '2001:db8::8a2e:370:7334')).toBe('2001:db8:0::x');
    expect(maskEntity('ip', 'fe80::1%eth0')).toBe('fe80:0:0::x');
  });

  it('masks PII inside free text, including known accounts extraction cannot see', () => {
    const text = 'Credential stuffing against Jane.Doe@Example.com from 198.51.100.23 on account u-123456 via https://evil.example/login';
    const masked = maskText(text, [{ kind: 'account', value: 'u-123456' }]);
    expect(masked).toBe('Credential stuffing against j***@example.com from 198.51.100.x on account ****3456 via https://evil.example/***');
    for (const secret of ['Jane.Doe', '198.51.100.23', 'u-123456']) expect(masked).not.toContain(secret);
  });

  it('masks the value as it is written, not only its canonical form (the phone was a linked entity)', () => {
    const text = 'Caller +1 (555) 123-4567 paid with 4111 1111 1111 1111 into DE89 3704 0044 0532 0130 00.';
    const masked = maskText(text, [{ kind: 'phone', value: '+15551234567' }]);
    expect(masked).toBe('Caller +*********67 paid with ****1111 into ****3000.');
  });

  it('recognises phone numbers, cards and IBANs in their common written forms', () => {
    const cases: [string, string][] = [
      ['555.123.4567', '********67'],
      ['(555) 123-4567', '********67'],
      ['+44 20 7946 0958', '+**********58'],
      ['0049-30-1234567', '+*********67'],
      ['+1/555/1234567', '+*********67'],
      ['4111-1111-1111-1111', '****1111'],
      ['4111111111111111', '****1111'],
      ['3782 822463 10005', '****0005'],
      ['GB82WEST12345698765432', '****5432'],
      ['gb82 west 1234 5698 7654 32', '****5432'],
    ];
    for (const [written, mask] of cases) expect(maskText(`see ${written} now`)).toBe(`see ${mask} now`);
  });

  it('leaves dates, times, versions, ids and numbers failing the card or IBAN check alone', () => {
    for (const text of [
      'on 2026-12-04 14:46:49', 'on 04.12.2026', 'on 12/04/2026', 'at 2026-12-04T14:46:49Z',
      'id 0198f3a2-1234-7abc-9def-0123456789ab', 'version 1.2.3', 'score 42.7', 'order 4111111111111112',
      'not an IBAN GB00WEST12345698765432',
    ]) expect(maskText(text)).toBe(text);
  });

  it('does not let a date or a second number hide the phone number next to it', () => {
    expect(maskText('2026-12-04 555-123-4567')).not.toContain('123-4567');
    const two = maskText('555 123 4567 555 123 4568');
    expect(two).not.toMatch(/4567|4568/);
  });

  it('masks an email inside a URL with the URL, and extraction finds it', () => {
    const text = 'Reset link https://corp.example/reset/alice.smith@example.org/confirm and https://wa.me/15551234567.';
    expect(maskText(text)).toBe('Reset link https://corp.example/*** and https://wa.me/***.');
    const found = extractEntities(text).map((e) => `${e.kind}:${e.value}`);
    expect(found).toEqual(expect.arrayContaining(['email:alice.smith@example.org', 'phone:15551234567']));
  });

  it('masks past 64 KiB too: the scan has no length limit a value could hide behind', () => {
    const text = `${'x '.repeat(40_000)}mail bob.jones@example.org`;
    expect(maskText(text)).not.toContain('bob.jones');
  });

  it('masks a value inside a longer one without leaving half of it', () => {
    expect(maskText('accounts u-12 and u-1234567', [{ kind: 'account', value: 'u-12' }, { kind: 'account', value: 'u-1234567' }]))
      .toBe('accounts **** and ****4567');
  });

  it('leaves a revealed value as written and masks the rest', () => {
    const masked = maskText('a@example.org and b@example.org', [], (kind, value) => kind === 'email' && value === 'a@example.org');
    expect(masked).toBe('a@example.org and b***@example.org');
  });
});
