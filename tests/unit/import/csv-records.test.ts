import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvRecords, detectDelimiter, type CsvOptions, type CsvRecord } from '../../../src-main/import/csv-records';
import { vigilErrorOf } from '../support/errors';

async function collect(chunks: Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>, options?: CsvOptions): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const record of csvRecords(chunks, options)) out.push(record);
  return out;
}

/** The bytes cut at the given offsets (in any order, repeats allowed). */
function splitAt(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const point of points) {
    pieces.push(bytes.subarray(from, point));
    from = point;
  }
  pieces.push(bytes.subarray(from));
  return pieces;
}


// BOM, CRLF, quoted delimiters, doubled quotes, quoted LF and CRLF, a blank line, 2-, 3- and
// 4-byte UTF-8 characters, an empty quoted field, a trailing empty field, no final line break.
const TRICKY =
  '\uFEFFid,title,notes\r\n' +
  '1,"Login, failed","said ""hi"""\r\n' +
  '2,"multi\r\nline\nnote",café €\r\n' +
  '\r\n' +
  '3,😀 emoji,""\r\n' +
  '4,日本語,\r\n' +
  '5,last,"x"';

const TRICKY_RECORDS: CsvRecord[] = [
  { line: 1, fields: ['id', 'title', 'notes'] },
  { line: 2, fields: ['1', 'Login, failed', 'said "hi"'] },
  { line: 3, fields: ['2', 'multi\r\nline\nnote', 'café €'] },
  { line: 7, fields: ['3', '😀 emoji', ''] },
  { line: 8, fields: ['4', '日本語', ''] },
  { line: 9, fields: ['5', 'last', 'x'] },
];

describe('csvRecords', () => {
  it('reads quoted delimiters, doubled quotes and quoted newlines, numbering records by the line they start on', async () => {
    expect(await collect([Buffer.from(TRICKY, 'utf8')])).toEqual(TRICKY_RECORDS);
  });

  it('gives the same records whichever byte the stream is cut at, including inside a multi-byte character', async () => {
    const bytes = Buffer.from(TRICKY, 'utf8');
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(await collect([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(TRICKY_RECORDS);
    }
  });

  it('gives the same records for any split into many chunks, byte by byte included', async () => {
    const bytes = Buffer.from(TRICKY, 'utf8');
    expect(await collect([...bytes].map((byte) => Buffer.from([byte])))).toEqual(TRICKY_RECORDS);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 40 }), async (cuts) => {
        expect(await collect(splitAt(bytes, cuts))).toEqual(TRICKY_RECORDS);
      }),
    );
  });

  it('round-trips any table written per RFC 4180, with the right line numbers, however the bytes are chunked', async () => {
    const unit = fc.constantFrom('a', 'Z', ' ', ',', '"', '\r', '\n', 'é', '€', '😀', ';');
    const table = fc.array(fc.array(fc.string({ unit, maxLength: 6 }), { minLength: 1, maxLength: 5 }), { maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(table, fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.array(fc.nat(), { maxLength: 12 }), async (rows, eol, finalEol, cuts) => {
        const quote = (field: string, alone: boolean): string =>
          /[",\r\n]/.test(field) || (alone && field === '') ? `"${field.replace(/"/g, '""')}"` : field;
        let text = '';
        const expected: CsvRecord[] = [];
        rows.forEach((row, index) => {
          const line = 1 + (text.match(/\r\n|\r|\n/g)?.length ?? 0);
          expected.push({ line, fields: row });
          text += row.map((field) => quote(field, row.length === 1)).join(',');
          if (index < rows.length - 1 || finalEol) text += eol;
        });
        expect(await collect(splitAt(Buffer.from(text, 'utf8'), cuts))).toEqual(expected);
      }),
    );
  });

  it('strips a UTF-8 BOM from bytes and from text', async () => {
    expect(await collect([Buffer.from([0xef, 0xbb]), Buffer.from([0xbf, 0x61, 0x2c, 0x62])])).toEqual([{ line: 1, fields: ['a', 'b'] }]);
    expect(await collect(['\uFEFFa,b\n'])).toEqual([{ line: 1, fields: ['a', 'b'] }]);
  });

  it('treats CRLF, LF and a lone CR as line ends, a CRLF split across chunks counting once', async () => {
    expect(await collect(['a,b\r', '\nc,d\ne,f\rg,h\r\n'])).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
      { line: 3, fields: ['e', 'f'] },
      { line: 4, fields: ['g', 'h'] },
    ]);
  });

  it('skips blank lines but keeps counting them, and keeps empty and trailing fields', async () => {
    expect(await collect(['\n\na,,\n\n"",b\n\n'])).toEqual([
      { line: 3, fields: ['a', '', ''] },
      { line: 5, fields: ['', 'b'] },
    ]);
  });

  it('reads a quote inside an unquoted field, or text after a closing quote, literally', async () => {
    expect(await collect(['5" disk,"ab"c,"x" \n'])).toEqual([{ line: 1, fields: ['5" disk', 'abc', 'x '] }]);
  });

  it('splits on another delimiter when told to', async () => {
    expect(await collect(['a;"b;c";d\n'], { delimiter: ';' })).toEqual([{ line: 1, fields: ['a', 'b;c', 'd'] }]);
    expect(await collect(['a\t"b\tc",d\n'], { delimiter: '\t' })).toEqual([{ line: 1, fields: ['a', 'b\tc,d'] }]);
  });

  it('refuses a delimiter that cannot work', async () => {
    for (const delimiter of ['"', '\n', ',,', '']) {
      expect((await vigilErrorOf(collect(['a'], { delimiter }))).code).toBe('VALIDATION');
    }
  });

  it('refuses a record longer than the limit, naming the line it starts on', async () => {
    const error = await vigilErrorOf(collect(['a,b\n"x\ny",', 'z'.repeat(20), '\n'], { maxRecordBytes: 16 }));
    expect(error.code).toBe('VALIDATION');
    expect(error.details).toMatchObject({ line: 2, limit: 16, reason: 'record_too_long' });
    expect(error.message).toContain('line 2');
    // Exactly at the limit is fine; multi-byte characters count by their UTF-8 size.
    expect(await collect(['€€,x\n'], { maxRecordBytes: 8 })).toEqual([{ line: 1, fields: ['€€', 'x'] }]);
    expect((await vigilErrorOf(collect(['€€€\n'], { maxRecordBytes: 8 }))).details).toMatchObject({ reason: 'record_too_long' });
  });

  it('stops an endless quoted field at the limit instead of buffering the stream', async () => {
    let produced = 0;
    async function* endless(): AsyncGenerator<string> {
      yield 'id,text\n1,"';
      for (;;) {
        produced += 64 * 1024;
        yield 'x'.repeat(64 * 1024);
      }
    }
    const error = await vigilErrorOf(collect(endless()));
    expect(error.details).toMatchObject({ line: 2, limit: 1024 * 1024, reason: 'record_too_long' });
    expect(produced).toBeLessThanOrEqual(2 * 1024 * 1024);
  });

  it('refuses a quoted field left open at the end of the input', async () => {
    const error = await vigilErrorOf(collect(['a,b\n1,"never closed\nmore\n']));
    expect(error.details).toMatchObject({ line: 2, reason: 'unterminated_quote' });
  });

  it('yields nothing for empty input', async () => {
    expect(await collect([])).toEqual([]);
    expect(await collect(['', '\uFEFF', '\r\n'])).toEqual([]);
  });
});

describe('detectDelimiter', () => {
  it('finds each supported delimiter from a header and a few rows', () => {
    expect(detectDelimiter('id,title,severity\n1,a,high\n2,b,low\n')).toBe(',');
    expect(detectDelimiter('id;title;severity\n1;a,b;high\n2;c;low\n')).toBe(';');
    expect(detectDelimiter('id\ttitle\tseverity\n1\ta, b; c\thigh\n')).toBe('\t');
    expect(detectDelimiter('id|title|severity\n1|a|high\n')).toBe('|');
  });

  it('is not fooled by delimiters inside quoted fields or by a sample cut mid-record', () => {
    expect(detectDelimiter('id;title\n1;"a, b, c, d"\n2;"e, f, g"\n3;"h, i')).toBe(';');
  });

  it('falls back to a comma when nothing splits the lines', () => {
    expect(detectDelimiter('just one column\nand another line\n')).toBe(',');
    expect(detectDelimiter('')).toBe(',');
  });
});
