// Streaming reader for a file that is one top-level JSON array (`[{…}, {…}]`, as many SIEM and
// ticketing exports are): elements come out one at a time, so memory is bounded by the largest one.

import { VigilError } from '../../src-shared/errors';
import { MAX_RECORD_DEPTH, TOO_DEEP, type NdjsonRecord } from './ndjson-records';

export type JsonArrayRecord = NdjsonRecord;

export interface JsonArrayOptions {
  /** Largest element accepted, in UTF-16 units of its text; default 1 Mi. */
  maxElementLength?: number;
}

const DEFAULT_MAX_ELEMENT_LENGTH = 1024 * 1024;

const BEFORE_ARRAY = 0;
const BEFORE_ELEMENT = 1;
const IN_ELEMENT = 2;
const DONE = 3; // an element ends on its own ',' or ']', so there is no after-element state

/**
 * Splits the array into element texts by tracking bracket depth and strings, then parses each
 * element with JSON.parse. An element that does not parse (say `{"a": tru}`) becomes an error
 * record and the stream goes on; a file that is not an array, or ends inside one, is an error.
 */
export async function* jsonArrayRecords(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: JsonArrayOptions = {},
): AsyncGenerator<JsonArrayRecord, void, undefined> {
  const maxElementLength = options.maxElementLength ?? DEFAULT_MAX_ELEMENT_LENGTH;
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let phase = BEFORE_ARRAY;
  let element = '';
  let elementLine = 1;
  let depth = 0;
  let deepest = 0; // of the current element, so one nested past the limit is refused before parsing
  let inString = false;
  let escaped = false;
  let line = 1;
  let first = true;

  const parsed = (): JsonArrayRecord => {
    const text = element;
    element = '';
    if (deepest > MAX_RECORD_DEPTH) return { line: elementLine, error: TOO_DEEP };
    try {
      return { line: elementLine, value: JSON.parse(text) as unknown };
    } catch (error) {
      return { line: elementLine, error: error instanceof Error ? error.message : String(error) };
    }
  };

  const take = function* (input: string): Generator<JsonArrayRecord> {
    let text = input;
    if (first && text.length > 0) {
      first = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    let segment = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '\n') line++;
      if (phase === IN_ELEMENT) {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === '\\') escaped = true;
          else if (c === '"') inString = false;
          continue;
        }
        if (c === '"') inString = true;
        else if (c === '{' || c === '[') deepest = Math.max(deepest, ++depth);
        else if ((c === '}' || c === ']') && depth > 0) depth--;
        else if (depth === 0 && (c === ',' || c === ']')) {
          element += text.slice(segment, i);
          yield parsed();
          phase = c === ',' ? BEFORE_ELEMENT : DONE;
        }
        if (phase === IN_ELEMENT && element.length + (i - segment) > maxElementLength) {
          throw new VigilError('VALIDATION', `JSON array element starting on line ${elementLine} is longer than ${maxElementLength} characters`, {
            line: elementLine,
            limit: maxElementLength,
            reason: 'record_too_long',
          });
        }
        continue;
      }
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
      if (phase === BEFORE_ARRAY) {
        if (c !== '[') throw notAnArray(line);
        phase = BEFORE_ELEMENT;
      } else if (phase === BEFORE_ELEMENT) {
        if (c === ']') {
          phase = DONE; // `[]`, or a trailing comma: nothing is lost by accepting it
        } else if (c === ',') {
          yield { line, error: 'empty array element' };
        } else {
          phase = IN_ELEMENT;
          elementLine = line;
          depth = 0;
          deepest = 0;
          inString = false;
          escaped = false;
          segment = i;
          i--; // let the element branch see its first character (never a line break)
        }
      } else {
        throw new VigilError('VALIDATION', `Unexpected text after the JSON array on line ${line}`, { line, reason: 'trailing_text' });
      }
    }
    if (phase === IN_ELEMENT) element += text.slice(segment);
  };

  for await (const chunk of chunks) {
    yield* take(typeof chunk === 'string' ? decoder.decode() + chunk : decoder.decode(chunk, { stream: true }));
  }
  yield* take(decoder.decode());
  if (phase === BEFORE_ARRAY) throw notAnArray(line);
  if (phase !== DONE) {
    throw new VigilError('VALIDATION', `The JSON array is not closed (last element began on line ${elementLine})`, {
      line: elementLine,
      reason: 'unterminated_array',
    });
  }
}

function notAnArray(line: number): VigilError {
  return new VigilError('VALIDATION', `Expected a JSON array on line ${line}`, { line, reason: 'not_an_array' });
}
