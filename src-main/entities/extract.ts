// Finds observables in free text (alert titles, descriptions, notes): emails, URLs, IPs, domains
// and phone numbers (also inside URLs' paths), normalised and de-duplicated. Domains inside a found email or URL are not
// reported twice; a URL also yields its host as a domain (or IP), since that is what analysts pivot on.
import type { EntityKind } from './entity-kinds';
import { findPiiSpans } from '../pii/pii-spans';
import { normalizeDomain, normalizeEmail, normalizeIp, normalizePhone, normalizeUrl, urlHost } from './normalize';

export interface ExtractedEntity {
  kind: EntityKind;
  value: string;
}

// Every repetition is bounded, so a hostile text cannot make a pattern backtrack quadratically.
const EMAIL = /[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g;
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const IPV4 = /\b(?:\d{1,3}\.){3}\d{1,3}\b/g;
const IPV6 = /(?<![\w:])(?:[0-9a-fA-F]{1,4}:){2,7}[0-9a-fA-F]{0,4}(?:\d+\.\d+\.\d+\.\d+)?(?![\w:])/g;
const DOMAIN = /\b(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}\b/g;
const PHONE = /(?<![\w.])\+?\d[\d\s().-]{6,18}\d(?!\w|\.\d)/g;
/** Bound the work per text: a hostile multi-megabyte description is scanned only this far. */
const MAX_SCAN = 64 * 1024;
/** File names look like domains (report.pdf); these endings are never treated as TLDs. */
const NOT_TLDS = new Set(['pdf', 'png', 'jpg', 'jpeg', 'gif', 'txt', 'csv', 'json', 'exe', 'zip', 'doc', 'docx', 'xls', 'xlsx', 'html', 'htm', 'js', 'php', 'log']);

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function extractEntities(text: string): ExtractedEntity[] {
  const input = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  const found = new Map<string, ExtractedEntity>();
  const add = (kind: EntityKind, value: string | null) => {
    if (value) found.set(`${kind}\u0000${value}`, { kind, value });
  };
  let rest = input;
  for (const match of input.matchAll(URL_PATTERN)) {
    const raw = match[0].replace(/[.,;:!?)\]]+$/, '');
    const url = normalizeUrl(raw);
    add('url', url);
    const host = url ? urlHost(url) : null;
    if (host) add(normalizeIp(host) ? 'ip' : 'domain', normalizeIp(host) ?? normalizeDomain(host));
    // Reset links, messaging links and tracking URLs carry emails and phone numbers in their paths.
    for (const span of findPiiSpans(decoded(raw.replace(/^[a-z]+:\/\/[^/]*/i, '')))) {
      if (span.kind === 'email' || span.kind === 'phone') add(span.kind, span.value);
    }
    rest = rest.replace(match[0], ' ');
  }
  for (const match of rest.matchAll(EMAIL)) {
    add('email', normalizeEmail(match[0]));
    rest = rest.replace(match[0], ' ');
  }
  for (const match of rest.matchAll(IPV4)) add('ip', normalizeIp(match[0]));
  for (const match of rest.matchAll(IPV6)) add('ip', normalizeIp(match[0]));
  const withoutIps = rest.replace(IPV4, ' ');
  for (const match of withoutIps.matchAll(DOMAIN)) {
    const tld = match[0].split('.').pop()?.toLowerCase() ?? '';
    if (!NOT_TLDS.has(tld)) add('domain', normalizeDomain(match[0]));
  }
  for (const match of withoutIps.matchAll(PHONE)) {
    if (/^\d{4}-\d{2}-\d{2}/.test(match[0])) continue;
    add('phone', normalizePhone(match[0]));
  }
  return [...found.values()];
}
