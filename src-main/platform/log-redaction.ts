// What may enter a log line: fields whose names say they carry a secret are replaced, and free text
// (the message, string values, error messages) has its PII masked by the same scanner the app's
// lenses use, so a log file copied into a support ticket holds neither secrets nor PII.
import { maskText } from '../entities/masking';

export const REDACTED = '[redacted]';

/** Words that, anywhere in a field's name (camelCase, snake_case, kebab-case), mark a secret. */
const SECRET_WORDS = new Set([
  'password', 'passwords', 'passwd', 'pwd', 'passphrase', 'token', 'tokens', 'key', 'keys', 'secret', 'secrets', 'totp', 'otp',
  'recovery', 'cookie', 'cookies', 'authorization', 'credential', 'credentials',
]);

/** `password=…`, `token: …` written inside a message. */
const INLINE_SECRET = /\b(password|passwd|passphrase|token|secret|totp|recovery[ _-]?key|api[ _-]?key)(\s*[:=]\s*)("[^"]*"|'[^']*'|\S+)/gi;

const MAX_DEPTH = 6;

export function isSecretField(name: string): boolean {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/);
  return words.some((word) => SECRET_WORDS.has(word));
}

export function redactText(text: string): string {
  return maskText(text.replace(INLINE_SECRET, (_match, name: string, separator: string) => `${name}${separator}${REDACTED}`));
}

/** A copy of `value` fit for a log line. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
  if (depth >= MAX_DEPTH) return '[nested too deep]';
  if (value instanceof Error) {
    return { name: value.name, message: redactText(value.message), ...(value.stack ? { stack: redactText(value.stack) } : {}) };
  }
  if (Buffer.isBuffer(value) || ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) copy[key] = isSecretField(key) ? REDACTED : redactValue(inner, depth + 1);
  return copy;
}
