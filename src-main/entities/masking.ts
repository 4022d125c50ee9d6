// PII masking for roles without the access_pii permission (src-shared/permissions.ts), done in the main process so unmasked
// values never reach such a renderer. Masks keep just enough to tell values apart in a list
// (the email's domain, the IP's network, the card's last digits), never enough to contact or act.
import { isIP } from 'node:net';
import { PII_KINDS, type EntityKind } from './entity-kinds';
import { ipv6Groups } from './normalize';
import { findPiiSpans } from '../pii/pii-spans';

export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${value[0]}***${value.slice(at)}`;
}

/** IPv4 keeps its /24; IPv6 its first three groups (a /48), read from the parsed address; IPv4-mapped IPv6 is masked as the IPv4 it carries. */
export function maskIp(value: string): string {
  const bare = value.replace(/^\[|\]$/g, '');
  const version = isIP(bare);
  if (version === 4) return `${bare.split('.').slice(0, 3).join('.')}.x`;
  if (version !== 6) return '***';
  const groups = ipv6Groups(bare);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const v4 = [(groups[6] ?? 0) >> 8, (groups[6] ?? 0) & 0xff, (groups[7] ?? 0) >> 8].join('.');
    return `::ffff:${v4}.x`;
  }
  return `${groups.slice(0, 3).map((g) => g.toString(16)).join(':')}::x`;
}

/**
 * URLs carry PII in their paths and queries (reset links with an email, wa.me/<phone>, profile
 * names): a masked URL keeps the scheme and host — what analysts pivot on — and hides the rest; an
 * IP host is masked like any IP.
 */
export function maskUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return '***';
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const version = isIP(host);
  const shownHost = version === 6 ? `[${maskIp(host)}]` : version === 4 ? maskIp(host) : host;
  const hidden = (url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.hash !== '' || url.username !== '';
  return `${url.protocol}//${shownHost}${hidden ? '/***' : ''}`;
}

export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  return `${value.startsWith('+') ? '+' : ''}${'*'.repeat(Math.max(3, digits.length - 2))}${digits.slice(-2)}`;
}

/** Accounts and payment instruments: the last four characters, so two values can be told apart. */
export function maskIdentifier(value: string): string {
  return value.length <= 4 ? '****' : `****${value.slice(-4)}`;
}

export function maskEntity(kind: EntityKind, value: string): string {
  if (!PII_KINDS.has(kind)) return value;
  switch (kind) {
    case 'email': return maskEmail(value);
    case 'ip': return maskIp(value);
    case 'phone': return maskPhone(value);
    case 'url': return maskUrl(value);
    default: return maskIdentifier(value);
  }
}

/**
 * Masks PII inside free text where it is written, whatever its spelling: every span the scanner
 * recognises (emails, URLs, IPs, phones, cards, IBANs) plus the caller's `known` PII entities
 * (accounts and card ids, which no shape can recognise). A value the caller revealed stays as is.
 */
export function maskText(
  text: string,
  known: readonly { kind: EntityKind; value: string }[] = [],
  /** Values the caller may see (a live PII reveal), left as they are. */
  isRevealed: (kind: EntityKind, value: string) => boolean = () => false,
): string {
  const spans = findPiiSpans(text, known.filter((e) => PII_KINDS.has(e.kind)));
  if (spans.length === 0) return text;
  let masked = '';
  let at = 0;
  for (const span of spans) {
    if (!PII_KINDS.has(span.kind) || isRevealed(span.kind, span.value)) continue;
    masked += text.slice(at, span.start) + maskEntity(span.kind, span.value);
    at = span.end;
  }
  return masked + text.slice(at);
}
