// The pipeline's reader (import-driver.ts): an import file as a stream of records keyed by column
// name, whatever its format: CSV (first row is the header), NDJSON, or a JSON array of objects. The
// bytes come from a file on disk (the CLI) or from an upload (a window); a name ending in .gz is
// gunzipped on the fly. The format follows the file's name unless the caller names it.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { VigilError } from '../../src-shared/errors';
import { csvRecords, detectDelimiter } from './csv-records';
import { ndjsonRecords } from './ndjson-records';
import { jsonArrayRecords } from './json-array-records';

export type RowValues = Readonly<Record<string, string>>;
/** One record of the file, by its line: its values by column, or why it could not be read. */
export type ImportRecord = { line: number; values: RowValues } | { line: number; error: string };

export type FileFormat = 'csv' | 'ndjson' | 'json';

export function formatFromName(fileName: string): FileFormat {
  const name = fileName.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'ndjson';
  if (name.endsWith('.json')) return 'json';
  return 'csv';
}

/** Bytes that can be read from the start more than once (headers, samples, then the import). */
export interface ByteSource {
  name: string;
  open(): Readable;
}

export function fileSource(path: string): ByteSource {
  return { name: path, open: () => createReadStream(path, { highWaterMark: 256 * 1024 }) };
}

/** A file named on this machine (the CLI): refused clearly when it is not there. */
export function existingFileSource(path: string): ByteSource {
  if (!existsSync(path) || !statSync(path).isFile()) throw new VigilError('NOT_FOUND', `No file at ${path}`);
  return fileSource(path);
}

function openChunks(source: ByteSource): AsyncIterable<Buffer> {
  const stream = source.open();
  return source.name.toLowerCase().endsWith('.gz') ? stream.pipe(createGunzip()) : stream;
}

/** The first few KB, for delimiter detection and the mapping preview. */
async function head(source: ByteSource, bytes = 64 * 1024): Promise<string> {
  let text = '';
  for await (const chunk of openChunks(source)) {
    text += chunk.toString('utf8');
    if (text.length >= bytes) break;
  }
  return text;
}

/** The header row of a CSV file (or the keys of the first JSON object). */
export async function readHeaders(source: ByteSource, format: FileFormat): Promise<string[]> {
  for await (const record of fileRecords(source, format, true)) {
    if ('values' in record) return Object.keys(record.values);
  }
  return [];
}

export async function* fileRecords(source: ByteSource, format: FileFormat, headerOnly = false): AsyncGenerator<ImportRecord> {
  if (format === 'csv') {
    const delimiter = detectDelimiter(await head(source));
    let headers: string[] | null = null;
    for await (const record of csvRecords(openChunks(source), { delimiter })) {
      if (!headers) {
        headers = record.fields.map((h) => h.trim());
        if (!headerOnly) continue;
        yield { line: record.line, values: Object.fromEntries(headers.map((h) => [h, ''])) };
        return;
      }
      if (record.fields.length !== headers.length) {
        yield { line: record.line, error: `${record.fields.length} fields where the header has ${headers.length}` };
        continue;
      }
      const values: Record<string, string> = {};
      headers.forEach((h, i) => { values[h] = record.fields[i] ?? ''; });
      yield { line: record.line, values };
    }
    if (!headers) throw new VigilError('VALIDATION', 'The file is empty');
    return;
  }
  const records = format === 'ndjson' ? ndjsonRecords(openChunks(source)) : jsonArrayRecords(openChunks(source));
  for await (const record of records) {
    if ('error' in record) yield record;
    else if (typeof record.value !== 'object' || record.value === null || Array.isArray(record.value)) {
      yield { line: record.line, error: 'not a JSON object' };
    } else {
      yield { line: record.line, values: flatten(record.value as Record<string, unknown>) };
      if (headerOnly) return;
    }
  }
}

/** Top-level keys as strings; nested values as compact JSON. */
function flatten(object: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(object)) {
    values[key] = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return values;
}
