// Turns whatever an api call threw into words for the person at the screen, and into per-field
// messages when the server's validation named the field. Codes are matched, never message text.
import { VigilError, type ErrorCode } from '../../src-shared/errors';
import { formatTimeOfDay } from './time';

export interface DescribedError {
  code: ErrorCode | 'UNREACHABLE';
  message: string;
  /** Messages keyed by input field name (`password`, `username`), from VALIDATION or CONFLICT details. */
  fields: Record<string, string>;
}

/** Where main writes its log file (from app.status), named beside errors whose details are there. */
let logPath: string | null = null;

export function rememberLogPath(path: string | null): void {
  logPath = path;
}

/** Per-screen wording for codes whose server message is too generic for that screen. */
export type ErrorWording = Partial<Record<ErrorCode, string>>;

export function describeError(error: unknown, wording: ErrorWording = {}): DescribedError {
  if (!(error instanceof VigilError)) {
    return { code: 'UNREACHABLE', message: 'Vigil did not answer. Check that the app is still running, then try again.', fields: {} };
  }
  const fields = fieldMessages(error);
  const override = wording[error.code];
  if (override) return { code: error.code, message: override, fields };
  if (error.code === 'LOCKED_OUT') return { code: error.code, message: lockedOutMessage(error.details), fields };
  if (error.code === 'INTERNAL' && logPath) return { code: error.code, message: `${error.message} (${logPath})`, fields };
  return { code: error.code, message: error.message, fields };
}

function lockedOutMessage(details: Record<string, unknown> | undefined): string {
  const retryAt = details?.['retryAt'];
  return typeof retryAt === 'number'
    ? `Too many failed attempts. Try again after ${formatTimeOfDay(retryAt)}`
    : 'Too many failed attempts. Try again later';
}

function fieldMessages(error: VigilError): Record<string, string> {
  const fields: Record<string, string> = {};
  const field = error.details?.['field'];
  if (typeof field === 'string') fields[field] = error.message;
  const issues = error.details?.['issues'];
  if (Array.isArray(issues)) {
    for (const issue of issues as unknown[]) {
      if (typeof issue !== 'object' || issue === null) continue;
      const { path, message } = issue as { path?: unknown; message?: unknown };
      if (typeof path === 'string' && path !== '' && typeof message === 'string' && !(path in fields)) fields[path] = message;
    }
  }
  return fields;
}
