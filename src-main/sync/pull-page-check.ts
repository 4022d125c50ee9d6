// The shape check a pull page passes before it is applied, written out by hand (src-shared/sync-shape-checks.ts):
// the protocol's zod schema (sync-protocol.ts `pullItem`) cost 20–60 µs a record — 2–6 s of a 100k
// first sync — where this costs about 1 µs. It accepts nothing the schema refuses; a page it refuses is
// handed to the schema for the issues to report.
import { z } from 'zod';
import { VigilError } from '../../src-shared/errors';
import { pullItem, type PullItem } from '../../src-shared/sync-protocol';
import { isCount, isHlc, isJson, isObject, isRecordId, isSyncTable } from '../../src-shared/sync-shape-checks';

const pullPage = z.object({ items: z.array(pullItem), next: z.number().int().min(0) });

const isStamp = (value: unknown): boolean => isObject(value) && isHlc(value.hlc) && typeof value.device === 'string';

function isRecord(value: unknown): boolean {
  if (!isObject(value) || !isSyncTable(value.table) || !isRecordId(value.id) || !isCount(value.seq)) return false;
  if (value.deleted !== null && !isStamp(value.deleted)) return false;
  if (!isObject(value.fields)) return false;
  for (const field of Object.values(value.fields)) {
    if (!isStamp(field) || !isJson((field as { value: unknown }).value)) return false;
  }
  return true;
}

function isEviction(value: unknown): boolean {
  if (!isObject(value)) return false;
  if ('scope' in value) return isRecordId(value.scope);
  return isSyncTable(value.table) && isRecordId(value.id);
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
