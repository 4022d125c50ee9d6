import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SYNC_TABLE_RULES } from '../../../../src-shared/sync-tables';
import { mergeChange, type HeldRecord, type IncomingChange } from '../../../../src-server/sync/merge';
import type { JsonValue } from '../../../../src-server/sync/stamps';
import { hlcAt, NOW } from './support/fixtures';

const investigations = SYNC_TABLE_RULES.investigations;
const alerts = SYNC_TABLE_RULES.alerts;
const notes = SYNC_TABLE_RULES.notes;
const t = (offsetMs: number, counter = 0): string => hlcAt(NOW + offsetMs, counter);

function change(values: Record<string, JsonValue>, hlc: string, base: string | null = null): IncomingChange {
  return { fields: Object.fromEntries(Object.entries(values).map(([name, value]) => [name, { value, hlc, base }])) };
}

function held(values: Record<string, [JsonValue, string, string]>, deleted: HeldRecord['deleted'] = null): HeldRecord {
  return { fields: Object.fromEntries(Object.entries(values).map(([name, [value, hlc, device]]) => [name, { value, hlc, device }])), deleted };
}

describe('merging a pushed change into the held record', () => {
  it('takes a new record whole, stamped by the pushing device', () => {
    const result = mergeChange(investigations, null, change({ title: 'Phishing', status: 'open' }, t(1)), 'dev-a');
    expect(result.changed).toBe(true);
    expect(result.conflicts).toEqual([]);
    expect(result.record).toEqual(held({ title: ['Phishing', t(1), 'dev-a'], status: ['open', t(1), 'dev-a'] }));
  });

  it('keeps per field the write with the higher stamp, so edits of different fields on two devices both stay', () => {
    const stored = held({ title: ['Phishing', t(1), 'dev-a'], status: ['open', t(1), 'dev-a'] });
    const fromB = mergeChange(investigations, stored, change({ status: 'in_progress' }, t(5), t(1)), 'dev-b');
    const fromA = mergeChange(investigations, fromB.record, change({ title: 'Phishing wave' }, t(3), t(1)), 'dev-a');
    expect(fromA.record.fields.title).toEqual({ value: 'Phishing wave', hlc: t(3), device: 'dev-a' });
    expect(fromA.record.fields.status).toEqual({ value: 'in_progress', hlc: t(5), device: 'dev-b' });
    expect(fromA.conflicts).toEqual([]);
  });

  it('ignores an older write of a field and reports nothing changed', () => {
    const stored = held({ severity: ['high', t(5), 'dev-a'] });
    const result = mergeChange(investigations, stored, change({ severity: 'low' }, t(2), t(1)), 'dev-b');
    expect(result.changed).toBe(false);
    expect(result.record).toEqual(stored);
  });

  it('breaks a tie of HLCs by device id, the same way on every replica', () => {
    const stored = held({ severity: ['high', t(5), 'dev-a'] });
    expect(mergeChange(investigations, stored, change({ severity: 'low' }, t(5)), 'dev-b').record.fields.severity?.value).toBe('low');
    const storedB = held({ severity: ['low', t(5), 'dev-b'] });
    expect(mergeChange(investigations, storedB, change({ severity: 'high' }, t(5)), 'dev-a').record.fields.severity?.value).toBe('low');
  });

  describe('text edits', () => {
    it('raises text_edit with both sides when two devices edit a title from the same base, and applies the newer', () => {
      const stored = held({ title: ['Wave of phishing', t(5), 'dev-a'] });
      const result = mergeChange(investigations, stored, change({ title: 'Phishing (finance)' }, t(7), t(1)), 'dev-b');
      expect(result.record.fields.title).toEqual({ value: 'Phishing (finance)', hlc: t(7), device: 'dev-b' });
      expect(result.conflicts).toEqual([{
        kind: 'text_edit',
        field: 'title',
        sides: [{ value: 'Wave of phishing', hlc: t(5), device: 'dev-a' }, { value: 'Phishing (finance)', hlc: t(7), device: 'dev-b' }],
      }]);
    });

    it('raises it also when the incoming edit loses by stamp (order of arrival does not matter)', () => {
      const stored = held({ title: ['Phishing (finance)', t(7), 'dev-b'] });
      const result = mergeChange(investigations, stored, change({ title: 'Wave of phishing' }, t(5), t(1)), 'dev-a');
      expect(result.record.fields.title?.value).toBe('Phishing (finance)');
      expect(result.conflicts.map((conflict) => conflict.kind)).toEqual(['text_edit']);
    });

    it('raises it when the incoming edit had no base but the server holds a value', () => {
      const stored = held({ title: ['A', t(5), 'dev-a'] });
      expect(mergeChange(investigations, stored, change({ title: 'B' }, t(7), null), 'dev-b').conflicts).toHaveLength(1);
    });

    it('raises nothing for an edit made over the value held (a later edit, not a concurrent one)', () => {
      const stored = held({ title: ['A', t(5), 'dev-a'] });
      expect(mergeChange(investigations, stored, change({ title: 'B' }, t(7), t(5)), 'dev-b').conflicts).toEqual([]);
    });

    it('raises nothing when both edits reached the same text, or when the value held is the device\'s own', () => {
      const stored = held({ title: ['Same', t(5), 'dev-a'] });
      expect(mergeChange(investigations, stored, change({ title: 'Same' }, t(7), t(1)), 'dev-b').conflicts).toEqual([]);
      expect(mergeChange(investigations, stored, change({ title: 'Other' }, t(7), t(1)), 'dev-a').conflicts).toEqual([]);
    });

    it('raises nothing for a concurrent edit of a field that is not text (last writer wins quietly)', () => {
      const stored = held({ severity: ['high', t(5), 'dev-a'] });
      expect(mergeChange(investigations, stored, change({ severity: 'low' }, t(7), t(1)), 'dev-b').conflicts).toEqual([]);
    });
  });

  describe('status', () => {
    it('raises closed_elsewhere when a status change was made over a base older than a close held', () => {
      const stored = held({ status: ['closed', t(5), 'dev-a'] });
      const result = mergeChange(investigations, stored, change({ status: 'in_progress' }, t(7), t(1)), 'dev-b');
      expect(result.conflicts.map((conflict) => conflict.kind)).toEqual(['closed_elsewhere']);
      expect(result.record.fields.status?.value).toBe('in_progress');
    });

    it('raises nothing for a concurrent status change when the status held is not a close', () => {
      const stored = held({ status: ['in_progress', t(5), 'dev-a'] });
      expect(mergeChange(investigations, stored, change({ status: 'open' }, t(7), t(1)), 'dev-b').conflicts).toEqual([]);
    });

    it('raises verdict when an alert is given different verdicts from one base', () => {
      const stored = held({ status: ['acknowledged', t(5), 'dev-a'] });
      const result = mergeChange(alerts, stored, change({ status: 'dismissed' }, t(4), t(1)), 'dev-b');
      expect(result.conflicts).toEqual([{
        kind: 'verdict',
        field: 'status',
        sides: [{ value: 'acknowledged', hlc: t(5), device: 'dev-a' }, { value: 'dismissed', hlc: t(4), device: 'dev-b' }],
      }]);
      expect(result.record.fields.status?.value).toBe('acknowledged');
    });
  });

  describe('tombstones', () => {
    it('a delete beats an edit stamped before it: the record stays deleted, nothing raised', () => {
      const deleted = mergeChange(investigations, held({ title: ['A', t(1), 'dev-a'] }), { fields: {}, deleted: { hlc: t(5) } }, 'dev-a');
      const result = mergeChange(investigations, deleted.record, change({ title: 'B' }, t(3), t(1)), 'dev-b');
      expect(result.record.deleted).toEqual({ hlc: t(5), device: 'dev-a' });
      expect(result.conflicts).toEqual([]);
    });

    it('an edit stamped after the delete keeps the record deleted and raises deleted_edited holding the edit', () => {
      const stored = held({ title: ['A', t(1), 'dev-a'] }, { hlc: t(5), device: 'dev-a' });
      const result = mergeChange(investigations, stored, change({ title: 'B' }, t(8), t(1)), 'dev-b');
      expect(result.record.deleted).toEqual({ hlc: t(5), device: 'dev-a' });
      expect(result.conflicts).toEqual([{
        kind: 'deleted_edited',
        field: '_deleted',
        sides: [{ value: null, hlc: t(5), device: 'dev-a' }, { value: { title: 'B' }, hlc: t(8), device: 'dev-b' }],
      }]);
    });

    it('a delete arriving after a newer edit raises the same deleted_edited conflict', () => {
      const stored = held({ title: ['B', t(8), 'dev-b'] });
      const result = mergeChange(investigations, stored, { fields: {}, deleted: { hlc: t(5) } }, 'dev-a');
      expect(result.record.deleted).toEqual({ hlc: t(5), device: 'dev-a' });
      expect(result.conflicts).toEqual([{
        kind: 'deleted_edited',
        field: '_deleted',
        sides: [{ value: null, hlc: t(5), device: 'dev-a' }, { value: { title: 'B' }, hlc: t(8), device: 'dev-b' }],
      }]);
    });

    it('keeps the newer of two deletes', () => {
      const stored = held({}, { hlc: t(5), device: 'dev-a' });
      expect(mergeChange(investigations, stored, { fields: {}, deleted: { hlc: t(3) } }, 'dev-b').record.deleted).toEqual({ hlc: t(5), device: 'dev-a' });
      expect(mergeChange(investigations, stored, { fields: {}, deleted: { hlc: t(6) } }, 'dev-b').record.deleted).toEqual({ hlc: t(6), device: 'dev-b' });
    });
  });

  describe('append-only tables', () => {
    it('keeps the first copy of a note and ignores a later different one', () => {
      const first = mergeChange(notes, null, change({ body: 'first', investigation_id: 'case-1' }, t(1)), 'dev-a');
      const second = mergeChange(notes, first.record, change({ body: 'rewritten' }, t(9)), 'dev-b');
      expect(second.changed).toBe(false);
      expect(second.record).toEqual(first.record);
      expect(second.conflicts).toEqual([]);
    });
  });

  describe('properties', () => {
    // Writes with distinct stamps that raise no conflict: fields that are not text or status.
    const write = fc.record({
      field: fc.constantFrom('severity', 'assignee', 'tags'),
      value: fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant(null)),
      wall: fc.integer({ min: 0, max: 50 }),
      device: fc.constantFrom('dev-a', 'dev-b', 'dev-c'),
    });

    function applyAll(writes: ReadonlyArray<{ field: string; value: JsonValue; wall: number; device: string }>): HeldRecord | null {
      let record: HeldRecord | null = null;
      for (const { field, value, wall, device } of writes) {
        record = mergeChange(investigations, record, change({ [field]: value }, t(wall)), device).record;
      }
      return record;
    }

    // Writes with the same stamp are the same write (a stamp is made once), so the generator keeps stamps unique.
    const distinctWrites = fc.uniqueArray(write, { selector: (w) => `${w.wall}/${w.device}`, minLength: 1, maxLength: 12 });

    it('gives the same record whatever order the writes arrive in', () => {
      const writesAndAnOrder = distinctWrites.chain((writes) => fc.tuple(fc.constant(writes), fc.shuffledSubarray(writes, { minLength: writes.length, maxLength: writes.length })));
      fc.assert(fc.property(writesAndAnOrder, ([writes, shuffled]) => {
        expect(applyAll(shuffled)).toEqual(applyAll(writes));
      }));
    });

    it('changes nothing when a write is applied again', () => {
      fc.assert(fc.property(distinctWrites, (writes) => {
        const once = applyAll(writes);
        const again = applyAll([...writes, ...writes]);
        expect(again).toEqual(once);
        const last = writes[writes.length - 1]!;
        expect(mergeChange(investigations, once, change({ [last.field]: last.value }, t(last.wall)), last.device).changed).toBe(false);
      }));
    });
  });
});
