// The importer reads files larger than memory: a 1M-row CSV (~130 MB) streams through the same
// record reader the importer uses while the heap stays a small fraction of the file's size.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fileRecords, type ByteSource } from '../../../src-main/import/file-reader';

const ROWS = 1_000_000;
const HEADER = 'alert_id,timestamp,source,rule,title,description,severity,user,email,src_ip\n';

function csvLine(i: number): string {
  const at = new Date(Date.UTC(2026, 0, 1) + i * 1_000).toISOString();
  return `ext-${i},${at},reports,spam-report,"Spam, wave ${i % 97}",Reported by user ${i % 5_000} from 198.51.100.${i % 250},low,acct-${i % 5_000},user${i % 5_000}@example.com,198.51.100.${i % 250}\n`;
}

/** A CSV of `rows` rows made as it is read, 64 KiB at a time: never held whole anywhere. */
function generatedCsv(rows: number): ByteSource & { bytes: () => number } {
  let bytes = 0;
  return {
    name: 'generated.csv',
    bytes: () => bytes,
    open: () => {
      bytes = 0;
      let next = -1;
      return Readable.from((function* chunks() {
        while (next < rows) {
          let chunk = '';
          while (chunk.length < 64 * 1024 && next < rows) {
            chunk += next < 0 ? HEADER : csvLine(next);
            next += 1;
          }
          bytes += Buffer.byteLength(chunk);
          yield Buffer.from(chunk);
        }
      })());
    },
  };
}

describe('streaming a large import file', () => {
  it('reads 1M CSV rows in order with heap growth far below the file size', async () => {
    const source = generatedCsv(ROWS);
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let records = 0;
    let last: { line: number; id: string | undefined } = { line: 0, id: undefined };
    for await (const record of fileRecords(source, 'csv')) {
      if (!('values' in record)) throw new Error(`row ${record.line} refused: ${record.error}`);
      records += 1;
      last = { line: record.line, id: record.values.alert_id };
      if (records % 20_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    expect(records).toBe(ROWS);
    expect(last).toEqual({ line: ROWS + 1, id: `ext-${ROWS - 1}` });
    const fileBytes = source.bytes();
    expect(fileBytes).toBeGreaterThan(120e6);
    // Holding the file (or its records) would grow the heap by more than the file's size.
    expect(peak - baseline).toBeLessThan(fileBytes / 4);
  }, 120_000);
});
