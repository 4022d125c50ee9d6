// Finds personal data in free text as it is written: "+1 (555) 123-4567", "4111 1111 1111 1111",
// "DE89 3704 0044 0532 0130 00", "::ffff:198.51.100.23", an email inside a URL's path. Each span
// carries where it is in the text (so a mask replaces exactly what was written, whatever its
// spelling) and the value's canonical form (so a reveal, which names the canonical value, can
// leave it as is). Masking scans the whole text: a limit on the scan would be a place to hide PII.
import { isIP } from 'node:net';
import type { EntityKind } from '../entities/entity-kinds';
import { normalizeEmail, normalizeIp, normalizePhone, normalizeUrl } from '../entities/normalize';

export interface PiiSpan {
  start: number;
  end: number;
  kind: EntityKind;
  /** The canonical value (as entities store it), or the text as written when it has none. */
  value: string;
}

// Every repetition is bounded, so a hostile text cannot make a pattern backtrack quadratically.
const URL_PATTERN = /\b(?:https?|ftp):\/\/[^\s<>"'`]{1,4096}/gi;
const EMAIL = /[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g;
const IBAN = /\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,4})?\b/gi;
// Cards as printed and typed: one run of digits, groups of four (4-4-4-4, 4-4-4-4-3), or Amex's 4-6-5.
const CARD = /(?<![\d])(?:\d{13,19}|\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,4})?|\d{4}[ -]\d{6}[ -]\d{4,5})(?!\d)/g;
const IPV6 = /(?<![\w:.])(?:[0-9a-fA-F]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F]{1,4})?(?![\w:])/g;
const IPV4 = /(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?![\w]|\.\d)/g;
// Phone numbers in their common written forms: +44 20 7946 0958, (555) 123-4567, 555.123.4567,
// 0049-30-1234567, +1/555/1234567, with at most one extension-free run of separators between groups.
// Not inside a longer token such as a UUID or a version string (a separator then a letter or digit).
const PHONE = /(?<![\w+]|\w[-./])(?:\+|00)?\(?\d{1,4}\)?(?:[ .\-/]{0,2}\(?\d{1,6}\)?){1,6}(?!\w|[-./][0-9A-Za-z])/g;
// Dates look like phone numbers to a pattern: 2026-12-04, 2026/12/04, 04.12.2026, 12/04/26.
const DATE = /^(?:(?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])[-/.](?:0?[1-9]|[12]\d|3[01])|(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|[12]\d|3[01])[-/.](?:19|20)?\d{2})(?!\d)/;
const TIME = /^\d{1,2}[:.]\d{2}/;

interface Detector {
  kind: EntityKind;
  pattern: RegExp;
  accept: (written: string) => string | null;
  /** Whether a refused match is retried without its last group (numbers written in groups). */
  shrinks?: boolean;
}

const DETECTORS: readonly Detector[] = [
  { kind: 'url', pattern: URL_PATTERN, accept: (w) => normalizeUrl(trimUrl(w)) ?? trimUrl(w) },
  { kind: 'email', pattern: EMAIL, accept: (w) => normalizeEmail(w) },
  { kind: 'payment', pattern: IBAN, accept: ibanValue },
  { kind: 'payment', pattern: CARD, accept: cardValue, shrinks: true },
  { kind: 'ip', pattern: IPV6, accept: (w) => (isIP(w) === 6 ? normalizeIp(w) : null) },
  { kind: 'ip', pattern: IPV4, accept: (w) => (isIP(w) === 4 ? normalizeIp(w) : null) },
  { kind: 'phone', pattern: PHONE, accept: phoneValue, shrinks: true },
];

/**
 * Non-overlapping spans of PII in `text`, in order: everything the detectors recognise, plus each
 * `known` value (accounts and card ids cannot be recognised by shape) wherever it is written, in
 * any letter case. Where two candidates overlap, the earlier wins, then the longer (a URL holding
 * an email is masked as one URL).
 */
export function findPiiSpans(text: string, known: readonly { kind: EntityKind; value: string }[] = []): PiiSpan[] {
  const candidates: PiiSpan[] = [];
  for (const detector of DETECTORS) candidates.push(...detect(text, detector));
  const lower = text.toLowerCase();
  for (const entity of known) {
    const needle = entity.value.toLowerCase();
    if (needle.length === 0) continue;
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
      candidates.push({ start: at, end: at + needle.length, kind: entity.kind, value: entity.value });
    }
  }
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const spans: PiiSpan[] = [];
  let reached = 0;
  for (const span of candidates) {
    if (span.start < reached) {
      // Overlapping an accepted span: extend nothing, but a longer overlapping candidate must not leak its tail.
      const last = spans[spans.length - 1];
      if (last && span.end > last.end) spans.push({ ...span, start: last.end });
      reached = Math.max(reached, span.end);
      continue;
    }
    spans.push(span);
    reached = span.end;
  }
  return spans;
}

/**
 * One detector's candidates. A match the detector refuses is shortened group by group from the
 * right ("2026-12-04 555-123-4567" and two phone numbers in a row are one match to the pattern),
 * and when no prefix is accepted the scan resumes one character later, so a refused date or over-
 * long number never hides the value that follows it.
 */
function detect(text: string, detector: Detector): PiiSpan[] {
  const pattern = new RegExp(detector.pattern.source, detector.pattern.flags);
  const found: PiiSpan[] = [];
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    let written = detector.kind === 'url' ? trimUrl(match[0]) : match[0];
    let value = detector.accept(written);
    while (value === null && detector.shrinks) {
      const cut = written.search(/[ .\-/()]+[^ .\-/()]*$/);
      if (cut <= 0) break;
      written = written.slice(0, cut);
      value = detector.accept(written);
    }
    if (value === null) {
      pattern.lastIndex = match.index + 1;
      continue;
    }
    found.push({ start: match.index, end: match.index + written.length, kind: detector.kind, value });
    pattern.lastIndex = match.index + Math.max(1, written.length);
  }
  return found;
}

/** Trailing punctuation ends a sentence, not a URL. */
function trimUrl(written: string): string {
  return written.replace(/[.,;:!?)\]]+$/, '');
}

function phoneValue(written: string): string | null {
  const trimmed = written.trim();
  if (DATE.test(trimmed) || TIME.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) return null;
  // A bare run of digits with a decimal point is a measurement, not a number to call.
  if (/^\d+\.\d+$/.test(trimmed)) return null;
  return normalizePhone(trimmed.replace(/^00/, '+').replace(/\//g, ' ')) ?? (trimmed.startsWith('+') ? `+${digits}` : digits);
}

/** Payment cards: 13–19 digits passing the Luhn check. */
function cardValue(written: string): string | null {
  const digits = written.replace(/\D/g, '');
  if (digits.length < 13 || digits.length > 19 || !luhn(digits)) return null;
  return digits;
}

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** IBANs: country, check digits, 11–30 characters, passing ISO 13616's mod-97 check. */
function ibanValue(written: string): string | null {
  const compact = written.replace(/[ -]/g, '').toUpperCase();
  if (compact.length < 15 || compact.length > 34) return null;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const chunk = code >= 65 ? String(code - 55) : char;
    for (const digit of chunk) remainder = (remainder * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return remainder === 1 ? compact : null;
}
