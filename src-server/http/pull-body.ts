// A pull page's response body, written out here rather than by Fastify's JSON.stringify: each stored
// record's fields go in as the JSON text `records.fields` holds (written by the server's own push,
// JSON.stringify of checked values), spliced in unparsed. A page of 500 alerts is ~1 MB, and parsing
// every record's fields only to serialise them again was most of what a pull cost the server.
import type { PullItem } from '../../src-shared/sync-protocol';
import type { StoredPulledRecord } from '../sync/held-records';
import type { StoredPullItem, StoredPullPage } from '../sync/pull';

/** What the sync core's pull gives the route: stored records, or (a fake in a test) parsed ones. */
export type ServedPullItem = StoredPullItem | PullItem;
export interface ServedPullPage extends Omit<StoredPullPage, 'items'> {
  items: ServedPullItem[];
}

function storedRecordJson(record: StoredPulledRecord): string {
  const { fieldsJson, ...rest } = record;
  const head = JSON.stringify({ table: rest.table, id: rest.id, seq: rest.seq });
  return `${head.slice(0, -1)},"fields":${fieldsJson},"deleted":${JSON.stringify(rest.deleted)}}`;
}

function itemJson(item: ServedPullItem): string {
  if ('record' in item && 'fieldsJson' in item.record) return `{"record":${storedRecordJson(item.record)}}`;
  return JSON.stringify(item);
}

/** The page as the protocol's JSON (sync-protocol.ts `pullResponse`). */
export function pullResponseBody(page: ServedPullPage): string {
  const { items, ...envelope } = page;
  const rest = JSON.stringify(envelope);
  return `{"items":[${items.map(itemJson).join(',')}],${rest.slice(1)}`;
}
