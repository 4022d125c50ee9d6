import { describe, expect, it } from 'vitest';
import { decodeSourceRow, parseSourceColumns, SourceRowEncoder } from '../../../src-main/store/source-row';

const alert = { externalId: 'ext-1', rule: 'login-burst', title: 'Login burst on bob', description: 'Twelve failed logins' };

describe('compact source rows', () => {
  it('reads back every row exactly, its own fields stored once, whatever columns each row has', () => {
    const encoder = new SourceRowEncoder([]);
    const rows: Record<string, string>[] = [
      { alert_id: 'ext-1', rule: 'login-burst', title: 'Login burst on bob', description: 'Twelve failed logins', user: 'bob' },
      // A JSON import's rows need not share keys, nor their order.
      { note: 'no rule here', title: 'Login burst on bob', alert_id: 'something else' },
      { alert_id: 'ext-1', rule: '', extra: '0' },
    ];
    const stored = rows.map((row) => encoder.encode(row, alert));
    const columns = parseSourceColumns(encoder.takeGrownNames());
    expect(columns).toEqual(['alert_id', 'rule', 'title', 'description', 'user', 'note', 'extra']);
    rows.forEach((row, i) => expect(decodeSourceRow(stored[i] ?? null, columns, alert)).toEqual(row));
    // The alert's own id, rule, title and description are not repeated in the row.
    expect(stored[0]).toBe('[0,1,2,3,"bob"]');
    expect(stored[0]?.length).toBeLessThan(JSON.stringify(rows[0]).length / 5);
  });

  it('reports the column names only when rows met new ones', () => {
    const encoder = new SourceRowEncoder(['a', 'b']);
    encoder.encode({ b: 'x' }, alert);
    expect(encoder.takeGrownNames()).toBeNull();
    encoder.encode({ c: 'y', a: 'z' }, alert);
    expect(encoder.takeGrownNames()).toBe('["a","b","c"]');
    expect(encoder.takeGrownNames()).toBeNull();
  });

  it('keeps a value that only looks like a field of the alert, and a null rule never matches', () => {
    const encoder = new SourceRowEncoder([]);
    const stored = encoder.encode({ rule: 'null', title: ' Login burst on bob' }, { ...alert, rule: null });
    expect(stored).toBe('["null"," Login burst on bob"]');
  });

  it('reads the keyed JSON of rows written before v22 and of alerts without an import', () => {
    expect(decodeSourceRow('{"a":"1","n":2}', [], alert)).toEqual({ a: '1', n: '2' });
  });

  it('refuses a row it cannot read whole instead of guessing names', () => {
    expect(decodeSourceRow('["x","y"]', ['only-one'], alert)).toBeNull();
    expect(decodeSourceRow('[9]', ['a'], alert)).toBeNull();
    expect(decodeSourceRow('[1]', ['rule'], { ...alert, rule: null })).toBeNull();
    expect(decodeSourceRow('not json', [], alert)).toBeNull();
    expect(decodeSourceRow(null, [], alert)).toBeNull();
  });
});
