import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ndjsonRecords, type NdjsonRecord } from '../../../src-main/import/ndjson-records';

async function collect(chunks: Iterable<Uint8Array | string>, maxLineBytes?: number): Promise<NdjsonRecord[]> {
  const out: NdjsonRecord[] = [];
  for await (const record of ndjsonRecords(chunks, maxLineBytes === undefined ? {} : { maxLineBytes })) out.push(record);
  return out;
}

const SAMPLE = '\uFEFF{"id":1,"note":"café 😀"}\r\n\n{"id":2,\n[3]\r\n"text"\n{"id":4}';

describe('ndjsonRecords', () => {
  it('yields a value per line and an error for a line that does not parse, then carries on', async () => {
    const records = await collect([Buffer.from(SAMPLE, 'utf8')]);
    expect(records).toMatchObject([
      { line: 1, value: { id: 1, note: 'café 😀' } },
      { line: 3, error: expect.any(String) },
      { line: 4, value: [3] },
      { line: 5, value: 'text' },
      { line: 6, value: { id: 4 } },
    ]);
  });

  it('gives the same records however the bytes are chunked', async () => {
    const bytes = Buffer.from(SAMPLE, 'utf8');
    const whole = await collect([bytes]);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(bytes.length), { maxLength: 20 }), async (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const pieces = [...points, bytes.length].map((end, index) => bytes.subarray(index === 0 ? 0 : points[index - 1], end));
        expect(await collect(pieces)).toEqual(whole);
      }),
    );
  });

  it('reports an over-long line and resumes at the next one', async () => {
    const records = await collect(['{"a":1}\n{"b":"', 'x'.repeat(50), '"}\n{"c":3}\n'], 32);
    expect(records).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 2, error: 'line is longer than 32 bytes' },
      { line: 3, value: { c: 3 } },
    ]);
  });
});
