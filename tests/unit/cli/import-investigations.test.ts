import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

describe('vigil import --kind investigations', () => {
  it('imports cases from a case-tool export, prints the summary as JSON, and a rerun changes nothing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-import-inv-'));
    const file = join(dir, 'cases.csv');
    writeFileSync(file, [
      'number,incident_state,priority,opened_at,sys_updated_at,closed_at',
      'INC1,New,1 - Critical,2/3/2026 09:00,2/3/2026 09:00,?',
      'INC1,Awaiting User Info,1 - Critical,2/3/2026 09:00,3/3/2026 10:00,?',
      'INC2,Closed,4 - Low,1/3/2026 08:00,5/3/2026 08:00,5/3/2026 08:00',
    ].join('\n'));
    const run = async (argv: string[]) => {
      const session = io('a long admin passphrase');
      const code = await runCli([...argv, '--data', dir, '--json'], session.io, TEST_KDF);
      return { code, out: session.output() };
    };
    expect((await run(['init', '--admin', 'root'])).code).toBe(0);
    const first = await run(['import', file, '--kind', 'investigations', '--source', 'servicenow', '--as', 'root']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ committed: true, read: 3, cases: 2, imported: 2, updated: 0, unchanged: 0, rejected: 0 });
    const again = await run(['import', file, '--kind', 'investigations', '--source', 'servicenow', '--as', 'root']);
    expect(JSON.parse(again.out)).toMatchObject({ committed: true, imported: 0, unchanged: 2 });
    expect((await run(['import', file, '--kind', 'cases', '--as', 'root'])).code).toBe(2);
  });
});
