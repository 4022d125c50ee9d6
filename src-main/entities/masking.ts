// PII masking for roles without access_pii (DESIGN §6), done in the main process so unmasked
// values never reach such a renderer. Masks keep just enough to tell values apart in a list
// (the email's domain, the IP's network, the card's last digits), never enough to contact or act.
import { isIP } from 'node:net';
import { PII_KINDS, type EntityKind } from './entity-kinds';
import { extractEntities } from './extract';

export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${value[0]}***${value.slice(at)}`;
}

export function maskIp(value: string): string {
  if (isIP(value) === 4) return `${value.split('.').slice(0, 3).join('.')}.x`;
  if (isIP(value) === 6) {
    const groups = value.split(':').filter((g) => g !== '');
    return `${groups.slice(0, 3).join(':')}::x`;
  }
  return '***';
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
    default: return maskIdentifier(value);
  }
}

/**
 * Masks PII inside free text: values extracted from the text itself, plus the alert's own PII
 * entities (accounts and card ids, which extraction cannot recognise), longest first so a value
 * inside another is not half-masked.
 */
export function maskText(
  text: string,
  known: readonly { kind: EntityKind; value: string }[] = [],
  /** Values the caller may see (a live PII reveal), left as they are. */
  isRevealed: (kind: EntityKind, value: string) => boolean = () => false,
): string {
  const targets = [...extractEntities(text), ...known].filter((e) => PII_KINDS.has(e.kind) && !isRevealed(e.kind, e.value));
  const unique = new Map(targets.map((e) => [e.value, maskEntity(e.kind, e.value)]));
  let masked = text;
  for (const [value, mask] of [...unique].sort((a, b) => b[0].length - a[0].length)) {
    masked = replaceAllInsensitive(masked, value, mask);
  }
  return masked;
}

function replaceAllInsensitive(text: string, value: string, replacement: string): string {
  if (value === '') return text;
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(escaped, 'gi'), replacement);
}
