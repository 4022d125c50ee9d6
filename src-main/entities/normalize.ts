// Canonical forms of entity values, so the same observable written two ways is one entity:
// lower-case emails and domains, canonical IPv4/IPv6 (RFC 5952), URLs reduced to scheme+host+path,
// phone numbers to digits with an optional leading +. Each returns null when the value is not of
// that kind, so callers can report why a mapped column was skipped.
import { isIP } from 'node:net';
import type { EntityKind } from './entity-kinds';

export function normalizeEmail(text: string): string | null {
  const value = text.trim().replace(/^mailto:/i, '').toLowerCase();
  const match = /^([a-z0-9._%+'-]+)@([a-z0-9-]+(?:\.[a-z0-9-]+)+)$/.exec(value);
  if (!match?.[1] || !match[2]) return null;
  const domain = normalizeDomain(match[2]);
  return domain ? `${match[1]}@${domain}` : null;
}

export function normalizeDomain(text: string): string | null {
  const value = text.trim().toLowerCase().replace(/\.$/, '');
  if (value.length > 253 || !/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/.test(value)) return null;
  return value;
}

export function normalizeIp(text: string): string | null {
  const value = text.trim().replace(/^\[|\]$/g, '');
  const version = isIP(value);
  if (version === 4) return value.split('.').map((octet) => String(Number(octet))).join('.');
  if (version === 6) return canonicalIpv6(value);
  return null;
}

/** The eight 16-bit groups of a valid IPv6 address, with :: expanded and a trailing IPv4 read as two groups. */
export function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(zeros).fill('0'), ...right].map((g) => parseInt(g, 16));
}

/** RFC 5952: lower case, no leading zeros, the longest run of zero groups (≥ 2) as ::, embedded IPv4 kept. */
function canonicalIpv6(value: string): string {
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(value);
  const groups = ipv6Groups(value).map((g) => g.toString(16));
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== '0') { i += 1; continue; }
    let j = i;
    while (j < groups.length && groups[j] === '0') j += 1;
    if (j - i > bestLength && j - i >= 2) { bestStart = i; bestLength = j - i; }
    i = j;
  }
  const mapped = groups.slice(0, 6).join(':') === '0:0:0:0:0:ffff';
  if (mapped && v4?.[1]) return `::ffff:${v4[1].split('.').map((o) => String(Number(o))).join('.')}`;
  if (bestStart < 0) return groups.join(':');
  return `${groups.slice(0, bestStart).join(':')}::${groups.slice(bestStart + bestLength).join(':')}`;
}

export function normalizeUrl(text: string): string | null {
  const value = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const host = normalizeHost(url.hostname);
  if (!host) return null;
  const port = url.port ? `:${url.port}` : '';
  // Query strings and fragments carry session tokens and tracking ids: not part of the observable.
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${host}${port}${path}`;
}

/** The host of a URL (the entity analysts pivot on), whatever the scheme or path. */
export function urlHost(text: string): string | null {
  const url = normalizeUrl(text);
  return url ? new URL(url).hostname.replace(/^\[|\]$/g, '') : null;
}

function normalizeHost(hostname: string): string | null {
  const bare = hostname.replace(/^\[|\]$/g, '');
  const ip = normalizeIp(bare);
  if (ip) return isIP(ip) === 6 ? `[${ip}]` : ip;
  return normalizeDomain(bare);
}

export function normalizePhone(text: string): string | null {
  const value = text.trim();
  if (!/^[+(]?[\d\s().-]{6,}$/.test(value)) return null;
  const digits = value.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return null;
  return value.startsWith('+') ? `+${digits}` : digits;
}

/** Identifiers compared case-sensitively but without surrounding space (accounts, devices, content, payments). */
export function normalizeIdentifier(text: string): string | null {
  const value = text.trim().replace(/\s+/g, ' ');
  return value.length > 0 && value.length <= 512 ? value : null;
}

export function normalizeEntity(kind: EntityKind, text: string): string | null {
  switch (kind) {
    case 'email': return normalizeEmail(text);
    case 'ip': return normalizeIp(text);
    case 'domain': return normalizeDomain(text);
    case 'url': return normalizeUrl(text);
    case 'phone': return normalizePhone(text);
    case 'account':
    case 'device':
    case 'content':
    case 'payment':
      return normalizeIdentifier(text);
  }
}
