import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonArrayRecords, type JsonArrayRecord } from '../../../src-main/import/json-array-records';
import { vigilErrorOf } from '../support/errors';

async function collect(chunks: Iterable<Uint8Array | string>, maxElementLength?: number): Promise<JsonArrayRecord[]> {
  const out: JsonArrayRecord[] = [];
  for await (const record of jsonArrayRecords(chunks, maxElementLength === undefined ? {} : { maxElementLength })) out.push(record);
  return out;
}


describe('jsonArrayRecords', () => {
  it('yields each element of a top-level array with the line it starts on', async () => {
    const text = '\uFEFF[\n  {"id": 1, "tags": ["a", "b]"], "note": "he said \\"}, {\\""},\n  {"id": 2,\n   "nested": {"x": [1, {"y": 2}]}},\n  42, "s", null\n]\n';
    expect(await collect([text])).toEqual([
      { line: 2, value: { id: 1, tags: ['a', 'b]'], note: 'he said "}, {"' } },
      { line: 3, value: { id: 2, nested: { x: [1, { y: 2 }] } } },
      { line: 5, value: 42 },
      { line: 5, value: 's' },
      { line: 5, value: null },
    ]);
  });

  it('turns an element that does not parse into an error record and goes on', async () => {
    const records = await collect(['[{"id": 1}, {"id": tru}, , {"id": 3}]']);
    expect(records).toMatchObject([{ value: { id: 1 } }, { error: expect.any(String) }, { error: 'empty array element' }, { value: { id: 3 } }]);
  });

  it('gives the same records however the bytes are chunked', async () => {
    const values = fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(values, fc.array(fc.nat(), { maxLength: 10 }), async (elements, cuts) => {
        const bytes = Buffer.from(JSON.stringify(elements, null, 1), 'utf8');
        const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
        const pieces = [...points, bytes.length].map((end, index) => bytes.subarray(index === 0 ? 0 : points[index - 1], end));
        const records = await collect(pieces);
        // JSON.stringify writes -0 as 0, so compare with what a round trip gives.
        expect(records.map((record) => ('value' in record ? record.value : record))).toEqual(JSON.parse(JSON.stringify(elements)));
      }),
    );
  });

  it('refuses input that is not an array, an array never closed, text after it, and an over-long element', async () => {
    expect((await vigilErrorOf(collect(['{"id": 1}']))).details).toMatchObject({ reason: 'not_an_array' });
    expect((await vigilErrorOf(collect(['']))).details).toMatchObject({ reason: 'not_an_array' });
    expect((await vigilErrorOf(collect(['[{"id": 1},\n{"id": 2']))).details).toMatchObject({ line: 2, reason: 'unterminated_array' });
    expect((await vigilErrorOf(collect(['[1]\n[2]']))).details).toMatchObject({ line: 2, reason: 'trailing_text' });
    expect((await vigilErrorOf(collect(['[{"a": "', 'x'.repeat(40), '"}]'], 32))).details).toMatchObject({ line: 1, reason: 'record_too_long' });
  });
});
