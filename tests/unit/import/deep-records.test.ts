// A record nested past the limit (a 100,000-deep value in one NDJSON line or one array element)
// is one rejected row with a reason, not a stack overflow that ends the import as INTERNAL.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_RECORD_DEPTH, ndjsonRecords, type NdjsonRecord } from '../../../src-main/import/ndjson-records';
import { jsonArrayRecords } from '../../../src-main/import/json-array-records';
import type { AlertImportSummary } from '../../../src-shared/model';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../support/test-core';

const deep = (depth: number) => `{"id":"deep","title":"Deep","severity":"high","time":"2025-12-30T10:00:00Z","extra":${'['.repeat(depth)}${']'.repeat(depth)}}`;
const plain = (id: string) => `{"id":"${id}","title":"Plain ${id}","severity":"low","time":"2025-12-30T11:00:00Z","extra":{"a":[1,{"b":2}]}}`;

async function collect(records: AsyncIterable<NdjsonRecord>): Promise<NdjsonRecord[]> {
  const out: NdjsonRecord[] = [];
  for await (const record of records) out.push(record);
  return out;
}

describe('the record readers', () => {
  it('NDJSON: a line nested past the limit becomes an error record and the lines around it still parse', async () => {
    const records = await collect(ndjsonRecords([`${plain('a')}\n${deep(100_000)}\n${plain('b')}\n`]));
    expect(records.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(records[1]).toEqual({ line: 2, error: `nested deeper than ${MAX_RECORD_DEPTH} levels` });
    expect('value' in records[0]! && 'value' in records[2]!).toBe(true);
  });

  it('JSON array: an element nested past the limit becomes an error record and the next one still parses', async () => {
    const records = await collect(jsonArrayRecords([`[${plain('a')},\n${deep(100_000)},\n${plain('b')}]`]));
    expect(records.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(records[1]).toEqual({ line: 2, error: `nested deeper than ${MAX_RECORD_DEPTH} levels` });
    expect('value' in records[2]!).toBe(true);
  });

  it('accepts a record exactly at the limit, and brackets inside strings do not count', async () => {
    const atLimit = `{"x":${'['.repeat(MAX_RECORD_DEPTH - 1)}${']'.repeat(MAX_RECORD_DEPTH - 1)}}`;
    const inString = `{"x":"${'['.repeat(10_000)}"}`;
    for (const text of [atLimit, inString]) {
      const [fromLines] = await collect(ndjsonRecords([text]));
      const [fromArray] = await collect(jsonArrayRecords([`[${text}]`]));
      expect(fromLines && 'value' in fromLines).toBe(true);
      expect(fromArray && 'value' in fromArray).toBe(true);
    }
  });
});

describe('importing a file with a deep record', () => {
  let vault: TestVault | undefined;
  afterEach(() => vault?.dispose());

  for (const format of ['ndjson', 'json'] as const) {
    it(`${format}: rejects that one row with its reason and imports the others`, async () => {
      vault = makeTestVault();
      await setUpVault(vault);
      const cli = vault.client('cli');
      await cli.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
      const path = join(vault.dir, `deep.${format}`);
      writeFileSync(path, format === 'ndjson' ? `${plain('a')}\n${deep(100_000)}\n${plain('b')}\n` : `[${plain('a')},\n${deep(100_000)},\n${plain('b')}]`);
      const summary: AlertImportSummary = await cli.invoke('alerts.importFile', { path, source: 'deep', format, mode: 'good_rows' });
      expect(summary).toMatchObject({ committed: true, read: 3, rejected: 1 });
      // The two plain rows arrive (dedup may fold the second into the first: same source, no rule).
      expect(summary.imported + summary.deduplicated).toBe(2);
      expect(summary.rejectedRows).toEqual([expect.objectContaining({ line: 2, reason: expect.stringContaining(`nested deeper than ${MAX_RECORD_DEPTH} levels`) })]);
    });
  }
});
