// The hand-written check a pull page passes before it is applied (pull-page-check.ts) stands in for the
// protocol's zod schema on the hot path: it must accept what the schema accepts and refuse what it refuses.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pullItem } from '../../../src-shared/sync-protocol';
import { checkedPullPage } from '../../../src-main/sync/pull-page-check';

const stamp = { hlc: '001764979200000-00000a', device: 'device-a' };
const alert = (fields: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ({ record: { table: 'alerts', id: 'alert-1', seq: 3, fields, deleted: null, ...extra } });
const schemaAccepts = (items: unknown[], next: unknown) => z.object({ items: z.array(pullItem), next: z.number().int().min(0) }).safeParse({ items, next }).success;

const good: unknown[][] = [
  [alert({ title: { value: 'Impossible travel', ...stamp }, occurrences: { value: 2, ...stamp }, raw: { value: { nested: [1, 'two', null, true] }, ...stamp } })],
  [alert({}, { deleted: stamp })],
  [{ evict: { scope: 'inv-1' } }, { evict: { table: 'notes', id: 'note-1' } }],
  [],
];
const bad: unknown[][] = [
  [{ record: { table: 'users', id: 'u1', seq: 1, fields: {}, deleted: null } }],
  [alert({ title: { value: 'x', hlc: 'yesterday', device: 'device-a' } })],
  [alert({ title: { value: 'x', hlc: stamp.hlc } })],
  [alert({ title: { value: undefined, ...stamp } })],
  [alert({ title: { value: Number.NaN, ...stamp } })],
  [alert({}, { id: 'not an id!' })],
  [alert({}, { seq: -1 })],
  [alert({}, { deleted: { hlc: 'nope', device: 'd' } })],
  [{ evict: { table: 'alerts' } }],
  [{ neither: true }],
  ['a string'],
];

describe('checking a pull page by hand', () => {
  it('accepts the pages the protocol schema accepts, as they are', () => {
    for (const items of good) {
      expect(schemaAccepts(items, 5)).toBe(true);
      expect(checkedPullPage(items, 5)).toBe(items);
    }
  });

  it('refuses with VALIDATION, naming the schema\'s issues, the pages the schema refuses', () => {
    for (const items of bad) {
      expect(schemaAccepts(items, 5)).toBe(false);
      expect(() => checkedPullPage(items, 5)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    }
    expect(() => checkedPullPage([], -1)).toThrow(expect.objectContaining({ code: 'VALIDATION', details: { issues: [expect.stringContaining('next')] } }));
  });
});
