// Typed error codes that cross the process boundary as {code, message, details}, never a stack trace.

export const ERROR_CODES = [
  'VALIDATION',
  'UNKNOWN_CHANNEL',
  'AUTH_REQUIRED',
  'INVALID_CREDENTIALS',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'LOCKED_OUT',
  'SESSION_LOCKED',
  'SESSION_STATE',
  'NOT_INITIALIZED',
  'ALREADY_INITIALIZED',
  'VAULT_FROM_FUTURE',
  'VAULT_CORRUPT',
  /** The vault could not be converted to this version's format; it is unchanged at its old version. */
  'VAULT_UPGRADE_FAILED',
  'DATA_DIR_IN_USE',
  /** Something this needs is not there right now (a folder, a running job); trying again may work. */
  'UNAVAILABLE',
  /** A running job was cancelled by the user; nothing was written. */
  'CANCELLED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface WireError {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export class VigilError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'VigilError';
    this.code = code;
    this.details = details;
  }

  toWire(): WireError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isWireError(value: unknown): value is WireError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { code?: unknown; message?: unknown };
  return typeof candidate.message === 'string' && (ERROR_CODES as readonly unknown[]).includes(candidate.code);
}

/** The envelope every invoke returns: never a thrown value across the boundary. */
export type InvokeResult<T> = { ok: true; value: T } | { ok: false; error: WireError };
