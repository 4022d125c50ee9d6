// What every channel's input must respect before its own schema runs, whatever the transport.
// No NUL characters: SQLite reads text as C strings in places (its full-text query parser among
// them), so a NUL cuts a value or a query short and surfaces as an internal error. Bounded
// nesting: a deep value would overflow the stack of whatever walks it next (zod, JSON.stringify,
// a handler). The walk itself is iterative for the same reason.

import { MAX_JSON_DEPTH } from '../../src-shared/limits';

export const MAX_INPUT_DEPTH = MAX_JSON_DEPTH;

export interface InputProblem {
  /** Dotted path to the offending value ('' for the input itself). */
  path: string;
  message: string;
}

export function inputProblem(input: unknown): InputProblem | null {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value: input, depth: 0, path: '' }];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { value, depth, path } = item;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return { path, message: 'Text may not contain NUL characters' };
      continue;
    }
    // Bytes (an upload chunk from the Electron bridge) are data, not text: not walked.
    if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) continue;
    if (depth >= MAX_INPUT_DEPTH) return { path, message: `Input is nested deeper than ${MAX_INPUT_DEPTH} levels` };
    for (const key of Object.keys(value)) {
      const child = path === '' ? key : `${path}.${key}`;
      if (key.includes('\u0000')) return { path: child, message: 'Names may not contain NUL characters' };
      stack.push({ value: (value as Record<string, unknown>)[key], depth: depth + 1, path: child });
    }
  }
  return null;
}
