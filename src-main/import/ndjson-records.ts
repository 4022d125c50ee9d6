// Streaming NDJSON (one JSON value per line): a line that does not parse becomes an error record
// and the stream goes on, so one bad export line costs one alert, not the whole import.

import { MAX_JSON_DEPTH } from '../../src-shared/limits';

export type NdjsonRecord = { line: number; value: unknown } | { line: number; error: string };

export interface NdjsonOptions {
  /** Longest line accepted, in UTF-8 bytes; longer lines are reported and skipped. Default 1 MiB. */
  maxLineBytes?: number;
}

const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

/**
 * Deepest nesting a record may have (the one JSON depth limit). JSON.parse copes with any depth, but
 * what walks the value next (JSON.stringify of a nested column, the mapping) recurses: a
 * 100,000-deep line overflowed the stack and ended the whole import.
 */
export const MAX_RECORD_DEPTH = MAX_JSON_DEPTH;

/** Error text for a record nested past MAX_RECORD_DEPTH, the same for both JSON readers. */
export const TOO_DEEP = `nested deeper than ${MAX_RECORD_DEPTH} levels`;

/** Whether JSON text nests objects and arrays past `limit`; brackets inside strings do not count. */
export function nestedDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 0x5c) escaped = true; // backslash
      else if (c === 0x22) inString = false; // quote
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) { // { [
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) { // } ]
      depth--;
    }
  }
  return false;
}

/**
 * Parses NDJSON from byte or text chunks. Lines end with LF or CRLF; blank lines are skipped; a
 * UTF-8 BOM is stripped. Memory is bounded by `maxLineBytes`: the rest of an over-long line is
 * discarded as it arrives instead of being buffered.
 */
export async function* ndjsonRecords(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: NdjsonOptions = {},
): AsyncGenerator<NdjsonRecord, void, undefined> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let pending = ''; // the current line so far
  let pendingBytes = 0;
  let overLong = false; // the current line passed the limit: drop text until its end
  let line = 1;
  let first = true;

  const finish = (text: string): NdjsonRecord | null => {
    const record = overLong ? { line, error: `line is longer than ${maxLineBytes} bytes` } : parseLine(line, text);
    pending = '';
    pendingBytes = 0;
    overLong = false;
    line++;
    return record;
  };

  const take = function* (input: string): Generator<NdjsonRecord> {
    let text = input;
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let start = 0;
    for (;;) {
      const newline = text.indexOf('\n', start);
      const piece = text.slice(start, newline === -1 ? text.length : newline);
      if (!overLong) {
        pendingBytes += Buffer.byteLength(piece, 'utf8');
        if (pendingBytes > maxLineBytes) {
          overLong = true;
          pending = '';
        } else {
          pending += piece;
        }
      }
      if (newline === -1) return;
      const record = finish(pending);
      if (record !== null) yield record;
      start = newline + 1;
    }
  };

  for await (const chunk of chunks) {
    yield* take(typeof chunk === 'string' ? decoder.decode() + chunk : decoder.decode(chunk, { stream: true }));
  }
  yield* take(decoder.decode());
  if (pending.length > 0 || overLong) {
    const record = finish(pending);
    if (record !== null) yield record;
  }
}

function parseLine(line: number, raw: string): NdjsonRecord | null {
  const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  if (text.trim() === '') return null;
  if (nestedDeeperThan(text, MAX_RECORD_DEPTH)) return { line, error: TOO_DEEP };
  try {
    return { line, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { line, error: error instanceof Error ? error.message : String(error) };
  }
}
