// The shape check a pull page passes before it is applied, written out by hand: the protocol's zod
// schema (sync-protocol.ts `pullItem`) cost 20–60 µs a record — 2–6 s of a 100k first sync, every
// field's value walked by `z.json()` and every stamp matched — where this costs about 1 µs. It accepts
// nothing the schema refuses; a page it refuses is handed to the schema for the issues to report.
import { z } from 'zod';
import { VigilError } from '../../src-shared/errors';
import { pullItem, type PullItem } from '../../src-shared/sync-protocol';
import { SYNC_TABLES } from '../../src-shared/sync-tables';

const HLC_TEXT = /^\d{15}-[0-9a-f]{6}$/;
const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/;
const TABLES: ReadonlySet<string> = new Set(SYNC_TABLES);
const pullPage = z.object({ items: z.array(pullItem), next: z.number().int().min(0) });

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
const isId = (value: unknown): boolean => typeof value === 'string' && RECORD_ID.test(value);
const isStamp = (value: unknown): boolean => isObject(value) && typeof value.hlc === 'string' && HLC_TEXT.test(value.hlc) && typeof value.device === 'string';

/** A JSON value as `z.json()` takes it: finite numbers, strings, booleans, null, and arrays and plain objects of them. */
function isJson(value: unknown): boolean {
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

function isRecord(value: unknown): boolean {
  if (!isObject(value) || !TABLES.has(value.table as string) || !isId(value.id) || !isCount(value.seq)) return false;
  if (value.deleted !== null && !isStamp(value.deleted)) return false;
  if (!isObject(value.fields)) return false;
  for (const field of Object.values(value.fields)) {
    if (!isStamp(field) || !isJson((field as { value: unknown }).value)) return false;
  }
  return true;
}

function isEviction(value: unknown): boolean {
  if (!isObject(value)) return false;
  if ('scope' in value) return isId(value.scope);
  return TABLES.has(value.table as string) && isId(value.id);
}

function isItem(value: unknown): boolean {
  if (!isObject(value)) return false;
  if ('record' in value) return isRecord(value.record);
  return 'evict' in value && isEviction(value.evict);
}

/** The page's items, checked; a page that does not parse is a VALIDATION error naming the schema's issues. */
export function checkedPullPage(items: readonly unknown[], next: unknown): readonly PullItem[] {
  if (Array.isArray(items) && isCount(next) && items.every(isItem)) return items as readonly PullItem[];
  const parsed = pullPage.safeParse({ items, next });
  const issues = parsed.success ? ['the page does not match the protocol'] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  throw new VigilError('VALIDATION', 'The pull page does not parse', { issues });
}
