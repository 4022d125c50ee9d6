// Reads an import file as a stream of records keyed by column name, whatever its format:
// CSV (first row is the header), NDJSON, or a JSON array of objects.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { VigilError } from '../../src-shared/errors';
import { csvRecords, detectDelimiter } from '../import/csv-records';
import { ndjsonRecords } from '../import/ndjson-records';
import { jsonArrayRecords } from '../import/json-array-records';
import type { ImportRecord } from './alert-import';

export type FileFormat = 'csv' | 'ndjson' | 'json';

export function formatFromName(fileName: string): FileFormat {
  const name = fileName.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.ndjson') || name.endsWith('.jsonl')) return 'ndjson';
  if (name.endsWith('.json')) return 'json';
  return 'csv';
}

function openChunks(path: string): AsyncIterable<Buffer> {
  const stream = createReadStream(path, { highWaterMark: 256 * 1024 });
  return path.toLowerCase().endsWith('.gz') ? stream.pipe(createGunzip()) : stream;
}

/** The first few KB, for delimiter detection and the mapping preview. */
async function head(path: string, bytes = 64 * 1024): Promise<string> {
  let text = '';
  for await (const chunk of openChunks(path)) {
    text += chunk.toString('utf8');
    if (text.length >= bytes) break;
  }
  return text;
}

/** The header row of a CSV file (or the keys of the first JSON object). */
export async function readHeaders(path: string, format: FileFormat): Promise<string[]> {
  for await (const record of fileRecords(path, format, true)) {
    if ('values' in record) return Object.keys(record.values);
  }
  return [];
}

export async function* fileRecords(path: string, format: FileFormat, headerOnly = false): AsyncGenerator<ImportRecord> {
  if (format === 'csv') {
    const delimiter = detectDelimiter(await head(path));
    let headers: string[] | null = null;
    for await (const record of csvRecords(openChunks(path), { delimiter })) {
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
  const source = format === 'ndjson' ? ndjsonRecords(openChunks(path)) : jsonArrayRecords(openChunks(path));
  for await (const record of source) {
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
