import { describe, expect, it } from 'vitest';
import { normalizeDomain, normalizeEmail, normalizeEntity, normalizeIp, normalizePhone, normalizeUrl, urlHost } from '../../../src-main/entities/normalize';

describe('entity normalisation', () => {
  it('lower-cases emails and their domains and refuses what is not an email', () => {
    expect(normalizeEmail('  Jane.Doe+promo@Example.COM ')).toBe('jane.doe+promo@example.com');
    expect(normalizeEmail('mailto:Bob@Mail.Example.org')).toBe('bob@mail.example.org');
    expect(normalizeEmail('not an email')).toBeNull();
    expect(normalizeEmail('a@b')).toBeNull();
  });

  it('writes IPv4 without leading zeros and IPv6 in RFC 5952 form', () => {
    expect(normalizeIp(' 203.0.113.7 ')).toBe('203.0.113.7');
    expect(normalizeIp('2001:0DB8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8::1');
    expect(normalizeIp('2001:db8:0:0:1:0:0:1')).toBe('2001:db8::1:0:0:1');
    expect(normalizeIp('2001:db8:0:1:1:1:1:1')).toBe('2001:db8:0:1:1:1:1:1');
    expect(normalizeIp('[::1]')).toBe('::1');
    expect(normalizeIp('::FFFF:198.51.100.4')).toBe('::ffff:198.51.100.4');
    expect(normalizeIp('256.1.1.1')).toBeNull();
    expect(normalizeIp('example.com')).toBeNull();
  });

  it('makes one IPv6 address written many ways into one value', () => {
    const forms = ['2001:db8::abcd:0:0:1', '2001:0db8:0000:0000:abcd:0000:0000:0001', '2001:DB8:0:0:ABCD::1'];
    expect(new Set(forms.map(normalizeIp))).toEqual(new Set(['2001:db8::abcd:0:0:1']));
  });

  it('reduces URLs to scheme, host and path, dropping query and fragment', () => {
    expect(normalizeUrl('HTTPS://Login.Example.COM/Reset/?token=abc#x')).toBe('https://login.example.com/Reset');
    expect(normalizeUrl('example.net/path/')).toBe('http://example.net/path');
    expect(normalizeUrl('http://[2001:DB8::1]:8080/a')).toBe('http://[2001:db8::1]:8080/a');
    expect(normalizeUrl('javascript:alert(1)')).toBeNull();
    expect(urlHost('https://Evil.Example.com/login?x=1')).toBe('evil.example.com');
  });

  it('keeps domains and phones comparable', () => {
    expect(normalizeDomain('WWW.Example.co.uk.')).toBe('www.example.co.uk');
    expect(normalizeDomain('-bad-.com')).toBeNull();
    expect(normalizePhone('+44 (20) 7946-0958')).toBe('+442079460958');
    expect(normalizePhone('020 7946 0958')).toBe('02079460958');
    expect(normalizePhone('12')).toBeNull();
  });

  it('trims identifiers but keeps their case', () => {
    expect(normalizeEntity('account', '  User_42 ')).toBe('User_42');
    expect(normalizeEntity('device', '')).toBeNull();
  });
});
