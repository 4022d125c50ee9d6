// The hand-written CSV reader against csv-parse, the well-kept library it could have been: for any
// table written the RFC 4180 way (fields quoted or not, doubled quotes, quoted delimiters and line
// breaks, CRLF or LF, a BOM, any delimiter Vigil offers), cut into chunks anywhere, both read the
// same records. Where they part is where Vigil chose to (see csv-records.ts): blank lines skipped,
// a lone CR ends a line, a stray quote in an unquoted field is kept as text.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { csvRecords, CSV_DELIMITERS, type CsvDelimiter } from '../../../src-main/import/csv-records';

const fieldText = fc.string({ unit: fc.constantFrom('a', 'Z', '7', ' ', ',', ';', '\t', '|', '"', '\n', '\r\n', 'é', '€', '😀', '\u00a0'), maxLength: 12 });

function write(rows: string[][], delimiter: CsvDelimiter, lineBreak: string, quoteAll: boolean, bom: boolean): string {
  const needsQuotes = (field: string) => quoteAll || field === '' || /["\r\n]/.test(field) || field.includes(delimiter) || field.trim() !== field;
  const quote = (field: string) => (needsQuotes(field) ? `"${field.replace(/"/g, '""')}"` : field);
  return (bom ? '\uFEFF' : '') + rows.map((row) => row.map(quote).join(delimiter)).join(lineBreak) + lineBreak;
}

async function ours(text: string, delimiter: CsvDelimiter, cuts: number[]): Promise<string[][]> {
  const bytes = Buffer.from(text, 'utf8');
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks = [0, ...points].map((from, i) => bytes.subarray(from, points[i] ?? bytes.length));
  const records: string[][] = [];
  for await (const record of csvRecords(chunks, { delimiter })) records.push(record.fields);
  return records;
}

describe('the CSV reader against csv-parse', () => {
  it('reads every RFC 4180 table, however it is cut into chunks, as csv-parse does', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fieldText, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom(...CSV_DELIMITERS), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean(),
        fc.array(fc.nat(), { maxLength: 5 }),
        async (rows, delimiter, lineBreak, quoteAll, bom, cuts) => {
          // A row of one empty field is a blank line, which Vigil skips on purpose: keep rows non-blank.
          const table = rows.map((row) => (row.length === 1 && row[0] === '' ? ['x'] : row));
          const text = write(table, delimiter, lineBreak, quoteAll, bom);
          const reference = parse(text, { delimiter, bom: true, relax_column_count: true }) as string[][];
          expect(await ours(text, delimiter, cuts)).toEqual(reference);
          expect(reference).toEqual(table);
        },
      ),
      { numRuns: 300, seed: 20261204 },
    );
  });
});
