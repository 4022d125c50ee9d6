// A pull's response splices each stored record's fields text in unparsed (src-server/http/pull-body.ts):
// what a client parses must be exactly the page, parsed, as JSON.stringify would have sent it.
import { describe, expect, it } from 'vitest';
import { pullResponse } from '../../../../src-shared/sync-protocol';
import { pullResponseBody } from '../../../../src-server/http/pull-body';
import { parsedPulledRecord, storedPulledRecord } from '../../../../src-server/sync/held-records';
import type { StoredPullPage } from '../../../../src-server/sync/pull';

const stamp = { hlc: '001764979200000-00000a', device: 'device-a' };
const fields = JSON.stringify({
  title: { value: 'Trajet impossible — “Zürich” → 東京 \u2028 "quoted" \\ back', ...stamp },
  raw: { value: { nested: [1, 2.5, null, true, { deep: 'x' }] }, ...stamp },
  occurrences: { value: 3, ...stamp },
});
const row = (id: string, seq: number, deleted: boolean) => ({
  tbl: 'alerts', id, seq, fields, deleted_hlc: deleted ? stamp.hlc : null, deleted_device: deleted ? stamp.device : null,
});
const page: StoredPullPage = {
  items: [
    { record: storedPulledRecord(row('alert-1', 7, false)) },
    { evict: { scope: 'inv-2' } },
    { record: storedPulledRecord(row('alert-2', 8, true)) },
    { evict: { table: 'notes', id: 'note-9' } },
  ],
  next: 8, more: true, head: 40, backfill: { scope: 'inv-3', seq: 8 },
};
const parsed = { ...page, items: page.items.map((item) => ('record' in item ? { record: parsedPulledRecord(item.record) } : item)) };

describe('a pull page\'s response body', () => {
  it('parses to the page with its records\' fields parsed, as JSON.stringify of that page would', () => {
    const body = pullResponseBody(page);
    expect(JSON.parse(body)).toEqual(JSON.parse(JSON.stringify(parsed)));
    expect(pullResponse.parse(JSON.parse(body))).toEqual(parsed);
  });

  it('is a page with no items and no backfill mark when there is nothing to send', () => {
    const empty: StoredPullPage = { items: [], next: 40, more: false, head: 40 };
    expect(JSON.parse(pullResponseBody(empty))).toEqual(empty);
  });

  it('sends a parsed record (a test\'s fake core) as it is', () => {
    expect(JSON.parse(pullResponseBody(parsed))).toEqual(JSON.parse(JSON.stringify(parsed)));
  });
});
