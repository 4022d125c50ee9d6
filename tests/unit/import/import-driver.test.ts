// The one import driver, with stages of its own: what each mode writes, what it reports, and that a
// writer only ever receives plain rows (so it can run on a worker thread).
import { describe, expect, it } from 'vitest';
import type { ImportRecord } from '../../../src-main/import/file-reader';
import {
  MAX_REPORTED_REJECTIONS, runImport, streamingResolver, type ImportCounts, type ImportMode, type ImportWriter, type RowMapper, type RowResolver,
} from '../../../src-main/import/import-driver';

interface Row { id: string; n: number }
type Outcome = 'new' | 'seen';

/** Records the calls a writer gets; rows are structured-cloned, as a worker would receive them. */
class RecordingWriter implements ImportWriter<Row, Outcome> {
  readonly outcomes = ['new', 'seen'] as const;
  readonly batching = { fixed: 2 };
  readonly calls: string[] = [];
  readonly batches: Row[][] = [];
  finished: ImportCounts<Outcome> | null = null;
  begin(): void { this.calls.push('begin'); }
  writeBatch(rows: readonly Row[]): Outcome[] {
    const received = structuredClone(rows) as Row[];
    this.batches.push(received);
    this.calls.push(`batch ${received.length}`);
    return received.map((row) => (row.n % 2 === 0 ? 'new' : 'seen'));
  }
  async finish(counts: ImportCounts<Outcome>): Promise<void> { this.calls.push('finish'); this.finished = counts; }
  async abandon(): Promise<void> { this.calls.push('abandon'); }
  close(): void { this.calls.push('close'); }
}

/** A row needs a numeric `n`. */
const mapper: RowMapper<Row> = (values) => {
  const n = Number(values['n']);
  return Number.isInteger(n) ? { ok: true, row: { id: values['id'] ?? '', n } } : { ok: false, reason: `n "${values['n']}" is not a number` };
};

/** Holds every row until the end and keeps the last one of each id, as a case export's resolver does. */
function lastPerId(): RowResolver<Row, Row> {
  const last = new Map<string, { line: number; row: Row }>();
  return {
    streams: false,
    add: (row, line) => { last.set(row.id, { line, row }); return []; },
    drain: () => [...last.values()].map(({ line, row }) => ({ line, row: { ok: true as const, row } })),
  };
}

async function* records(list: ImportRecord[]): AsyncGenerator<ImportRecord> {
  yield* list;
}

const good = (line: number, id: string, n: number): ImportRecord => ({ line, values: { id, n: String(n) } });

async function run(list: ImportRecord[], mode: ImportMode, resolver: RowResolver<Row, Row> = streamingResolver<Row>()) {
  const writer = new RecordingWriter();
  const progress: [number, string][] = [];
  const result = await runImport(records(list), { mode, mapper, resolver, writer, onProgress: (done, phase) => progress.push([done, phase]) });
  return { writer, result, progress };
}

describe('the import driver', () => {
  it('with good rows writes the valid rows in batches, reports the others by line, and finishes with the counts', async () => {
    const { writer, result, progress } = await run([good(2, 'a', 2), good(3, 'b', 3), { line: 4, error: 'bad quote' }, good(5, 'c', 4), { line: 6, values: { id: 'd', n: 'x' } }], 'good_rows');
    expect(writer.calls).toEqual(['begin', 'batch 2', 'batch 1', 'finish', 'close']);
    expect(writer.batches.flat().map((row) => row.id)).toEqual(['a', 'b', 'c']);
    expect(result).toMatchObject({ committed: true, read: 5, rejected: 2, outcomes: { new: 2, seen: 1 } });
    expect(result.rejectedRows).toEqual([{ line: 4, reason: 'bad quote' }, { line: 6, reason: 'n "x" is not a number' }]);
    expect(writer.finished).toEqual({ read: 5, rejected: 2, outcomes: { new: 2, seen: 1 } });
    expect(progress).toEqual([[5, 'reading']]);
  });

  it('with all or nothing takes back what a streaming import wrote before a late rejection, and reports nothing written', async () => {
    const { writer, result } = await run([good(2, 'a', 2), good(3, 'b', 3), good(4, 'c', 4), { line: 5, error: 'bad quote' }], 'all_or_nothing');
    expect(writer.calls).toEqual(['begin', 'batch 2', 'abandon', 'close']);
    expect(result).toMatchObject({ committed: false, read: 4, rejected: 1, outcomes: { new: 0, seen: 0 } });
  });

  it('with all or nothing never begins writing when a resolver holds the rows and one is rejected', async () => {
    const { writer, result } = await run([good(2, 'a', 2), { line: 3, error: 'bad quote' }, good(4, 'a', 4)], 'all_or_nothing', lastPerId());
    expect(writer.calls).toEqual(['close']);
    expect(result).toMatchObject({ committed: false, read: 3, released: 1, rejected: 1 });
  });

  it('writes what a holding resolver releases once the file is read, and counts rows written as progress', async () => {
    const { writer, result, progress } = await run([good(2, 'a', 1), good(3, 'b', 2), good(4, 'a', 4), good(5, 'c', 6)], 'good_rows', lastPerId());
    expect(writer.batches).toEqual([[{ id: 'a', n: 4 }, { id: 'b', n: 2 }], [{ id: 'c', n: 6 }]]);
    expect(result).toMatchObject({ committed: true, read: 4, released: 3, outcomes: { new: 3, seen: 0 } });
    expect(progress).toEqual([[2, 'writing'], [3, 'writing']]);
  });

  it('takes back what was written when the writer fails, and reports the failure', async () => {
    const writer = new RecordingWriter();
    writer.writeBatch = () => { throw new Error('disk full'); };
    await expect(runImport(records([good(2, 'a', 2), good(3, 'b', 2)]), { mode: 'good_rows', mapper, resolver: streamingResolver<Row>(), writer }))
      .rejects.toThrow('disk full');
    expect(writer.calls).toEqual(['begin', 'abandon', 'close']);
  });

  it('keeps at most MAX_REPORTED_REJECTIONS reasons, and the exact count', async () => {
    const bad = Array.from({ length: MAX_REPORTED_REJECTIONS + 5 }, (_, i): ImportRecord => ({ line: i + 2, error: 'bad' }));
    const { result } = await run(bad, 'good_rows');
    expect(result.rejected).toBe(MAX_REPORTED_REJECTIONS + 5);
    expect(result.rejectedRows).toHaveLength(MAX_REPORTED_REJECTIONS);
  });
});
