// Stamps order every write the same way on every replica (docs/SYNC.md, "Records"): by HLC text
// (fixed width, so text order is time order), then by device id, so no two stamps tie.
import type { StoredField } from '../../src-shared/sync-protocol';

export interface Stamp {
  hlc: string;
  device: string;
}

/** The device id the server writes its own fields with (conflict records). */
export const SERVER_DEVICE = 'server';

/** Negative when `a` is older than `b`, positive when newer, 0 for the same stamp. */
export function compareStamps(a: Stamp, b: Stamp): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  if (a.device !== b.device) return a.device < b.device ? -1 : 1;
  return 0;
}

/** The wall time in ms an HLC text carries (its first 15 digits). */
export function hlcWallMs(hlc: string): number {
  return Number(hlc.slice(0, 15));
}

/** An HLC text for a server write at `now` (counter 0): the server stamps only fields no device writes. */
export function serverHlc(now: number): string {
  return `${Math.max(0, Math.floor(now)).toString().padStart(15, '0')}-000000`;
}

export type JsonValue = StoredField['value'];

/** Structural equality of two JSON values (object key order does not matter). */
export function jsonEqual(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => jsonEqual(item, b[index] as JsonValue));
  const left = a as Record<string, JsonValue>;
  const right = b as Record<string, JsonValue>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  return keys.every((key) => Object.hasOwn(right, key) && jsonEqual(left[key] as JsonValue, right[key] as JsonValue));
}
