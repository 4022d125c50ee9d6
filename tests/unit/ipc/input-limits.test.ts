// Limits every channel shares before its own schema: a NUL character or a value nested past the
// limit is a typed VALIDATION error naming where it is, never INTERNAL, whichever channel it reaches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inputProblem, MAX_INPUT_DEPTH } from '../../../src-main/ipc/input-limits';
import type { InvokeResult } from '../../../src-shared/errors';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { makeTestVault, setUpVault, type TestVault } from '../support/test-core';

let vault: TestVault;
let admin: InProcessClient;

beforeAll(async () => {
  vault = makeTestVault();
  ({ admin } = await setUpVault(vault));
});
afterAll(() => vault.dispose());

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

async function call(channel: string, input: unknown): Promise<InvokeResult<unknown>> {
  return vault.core.router.invoke(channel, input, admin.caller);
}

describe('NUL characters', () => {
  it('refuses a NUL in the alert text filter with VALIDATION naming the field (it reached the full-text index as INTERNAL)', async () => {
    for (const channel of ['alerts.list', 'alerts.count']) {
      const result = await call(channel, { text: 'phish\u0000ing' });
      expect(result.ok, channel).toBe(false);
      if (result.ok) continue;
      expect(result.error.code, channel).toBe('VALIDATION');
      expect(result.error.details, channel).toEqual({ issues: [{ path: 'text', message: 'Text may not contain NUL characters' }] });
    }
  });

  it('refuses a NUL anywhere in an input, including in a name, whatever the channel', async () => {
    for (const [channel, input] of [
      ['investigations.list', { text: '\u0000' }],
      ['search.query', { query: 'a\u0000' }],
      ['audit.list', { action: 'x\u0000' }],
      ['alerts.list', { ['sta\u0000tus']: ['new'] }],
    ] as const) {
      const result = await call(channel, input);
      expect(result.ok ? null : result.error.code, channel).toBe('VALIDATION');
    }
  });

  it('still answers the same filter without the NUL', async () => {
    const result = await call('alerts.count', { text: 'phishing' });
    expect(result).toEqual({ ok: true, value: { count: 0 } });
  });
});

describe('nesting', () => {
  it('refuses input nested past the limit with VALIDATION, however deep (100,000 levels)', async () => {
    for (const depth of [MAX_INPUT_DEPTH + 1, 100_000]) {
      const result = await call('alerts.list', { text: 'x', after: nested(depth) });
      expect(result.ok ? null : result.error.code, String(depth)).toBe('VALIDATION');
      if (!result.ok) expect(result.error.message).toContain(`deeper than ${MAX_INPUT_DEPTH} levels`);
    }
  });

  it('accepts ordinary nesting and bytes, which are not walked', () => {
    expect(inputProblem(nested(MAX_INPUT_DEPTH - 1))).toBeNull();
    expect(inputProblem({ chunk: new Uint8Array(1024 * 1024) })).toBeNull();
    expect(inputProblem([1, 'two', null, { three: [true] }])).toBeNull();
  });
});
