// Hand-written shape checks for the sync protocol's big bodies — a pull page (the client's side) and a
// push (the server's) — standing in for their zod schemas (sync-protocol.ts) on the hot path. The
// schemas walk every field's value with `z.json()` and match every stamp: a push of 500 alerts took
// 25–64 ms to parse that way against 3–9 ms for its JSON.parse, on the server's one event loop. These
// accept nothing the schemas refuse; a body they do not accept goes to the schema, which names the issues.
import { SYNC_TABLES } from './sync-tables';

export const HLC_TEXT = /^\d{15}-[0-9a-f]{6}$/;
const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/;
const TABLES: ReadonlySet<string> = new Set(SYNC_TABLES);

export const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
/** A whole number from 0 up, as `z.number().int().min(0)` takes it. */
export const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
export const isRecordId = (value: unknown): boolean => typeof value === 'string' && RECORD_ID.test(value);
export const isHlc = (value: unknown): boolean => typeof value === 'string' && HLC_TEXT.test(value);
export const isSyncTable = (value: unknown): boolean => typeof value === 'string' && TABLES.has(value);

/** Whether `value` has no keys beyond `allowed`: what a zod object would strip is left to it. */
export function hasOnlyKeys(value: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}

/** A JSON value as `z.json()` takes it: finite numbers, strings, booleans, null, and arrays and plain objects of them. */
export function isJson(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      if (value === null) return true;
      if (Array.isArray(value)) return value.every(isJson);
      if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return false;
      return Object.values(value).every(isJson);
    default:
      return false;
  }
}
