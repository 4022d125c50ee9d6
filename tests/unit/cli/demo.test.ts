import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../../src-main/cli/main';
import { TEST_KDF } from '../support/test-core';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function io(password: string) {
  let out = '';
  const stdout = new PassThrough();
  stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  const stdin = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.ReadStream;
  return { io: { env: { VIGIL_PASSWORD: password }, stdin, stdout, stderr: new PassThrough() as unknown as NodeJS.WriteStream }, output: () => out };
}

describe('vigil demo', () => {
  it('fills a vault with alerts and entities, and a rerun with the same seed adds nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-demo-'));
    const run = async (argv: string[]) => {
      const session = io('a long admin passphrase');
      const code = await runCli([...argv, '--data', dir, '--json'], session.io, TEST_KDF);
      return { code, out: session.output() };
    };
    expect((await run(['init', '--admin', 'root'])).code).toBe(0);
    const first = await run(['demo', '--alerts', '3000', '--as', 'root']);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.out) as { inserted: number; deduplicated: number; entities: number };
    expect(summary.inserted + summary.deduplicated).toBe(3000);
    expect(summary.inserted).toBeGreaterThan(2000);
    expect(summary.entities).toBeGreaterThan(500);
    const again = JSON.parse((await run(['demo', '--alerts', '3000', '--as', 'root'])).out) as { inserted: number; deduplicated: number };
    expect(again).toMatchObject({ inserted: 0, deduplicated: 0 });
    expect((await run(['demo', '--alerts', 'many', '--as', 'root'])).code).toBe(2);
  });
});
