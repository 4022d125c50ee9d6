// Case packages between two vaults: an investigation sealed in vault A under a passphrase comes out
// of vault B row for row (sync metadata aside), evidence bytes and SHA-256 equal, with a custody
// event naming the package; a second import writes nothing; a tampered, truncated or wrongly
// opened package is refused with nothing written; nothing readable of the case is in the file.
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestVault } from '../support/test-core';
import { vigilErrorOf } from '../support/errors';
import { CANARY, dbOf, emptyVault, expectEveryTableFilled, PASSPHRASE, rowsEverywhere, snapshot, vaultWithCase } from './case-fixtures';

const vaults: TestVault[] = [];
afterEach(() => {
  for (const v of vaults.splice(0)) v.dispose();
});

async function twoVaults() {
  const a = await vaultWithCase();
  const b = await emptyVault();
  vaults.push(a.vault, b.vault);
  return { a, b };
}

describe('a case package between two vaults', () => {
  it('brings the investigation into the other vault row for row, evidence verified, provenance on its custody trail', async () => {
    const { a, b } = await twoVaults();
    const before = snapshot(dbOf(a.vault), a.key);
    expectEveryTableFilled(before);
    const file = join(a.vault.dir, 'case.vigilcase');

    const made = await a.cli.invoke('casePackage.export', { investigationKey: a.key, passphrase: PASSPHRASE, path: file });
    expect(made).toMatchObject({ path: file, downloadId: null, summary: { investigationKey: a.key, exportedBy: 'ada', vaultName: 'Test vault', evidence: [{ size: a.evidenceBytes.length }] } });
    // The source vault's custody trail says the file left in a package.
    const exported = dbOf(a.vault).prepare("SELECT detail FROM evidence_custody WHERE event = 'exported'").all() as { detail: string }[];
    expect(exported).toEqual([{ detail: 'sealed into case package case.vigilcase' }]);

    const outcome = await b.cli.invoke('casePackage.import', { path: file, passphrase: PASSPHRASE });
    expect(outcome).toMatchObject({
      investigationId: a.id, investigationKey: a.key, rekeyed: false, alreadyImported: false, accountsAdded: 1, evidenceVerified: 1, alertsHeldElsewhere: 0,
    });

    const after = snapshot(dbOf(b.vault), a.key);
    const provenance = after.evidence_custody?.filter((row) => row.includes('imported from case package')) ?? [];
    expect(provenance).toHaveLength(1);
    expect(JSON.parse(provenance[0] ?? '{}')).toMatchObject({
      event: 'imported', detail: expect.stringMatching(/^imported from case package case\.vigilcase exported by ada@Test vault at \d{4}-/) as unknown,
    });
    // alert_count is this vault's own tally of linked alerts: here only the imported ones.
    const withoutCounts = (rows: string[] = []) => rows.map((row) => JSON.stringify({ ...JSON.parse(row) as object, alert_count: null, updated_at: null }));
    expect({ ...after, evidence_custody: after.evidence_custody?.filter((row) => !provenance.includes(row)), entities: withoutCounts(after.entities) })
      .toEqual({ ...before, entities: withoutCounts(before.entities) });
    expect(dbOf(b.vault).prepare('SELECT count(*) AS n FROM entities e WHERE alert_count <> (SELECT count(*) FROM alert_entities l WHERE l.entity_rid = e.rid)').get()).toEqual({ n: 0 });

    // The bytes themselves, and their hash.
    const blobs = dbOf(b.vault).prepare('SELECT bytes FROM evidence_blobs WHERE evidence_id IN (SELECT id FROM evidence WHERE investigation_id = ?) ORDER BY seq').all(a.id) as { bytes: Buffer }[];
    const bytes = Buffer.concat(blobs.map((r) => r.bytes));
    expect(bytes.equals(a.evidenceBytes)).toBe(true);
    const [item] = await b.admin.invoke('evidence.list', { investigationId: a.id });
    expect(item?.sha256).toBe(createHash('sha256').update(a.evidenceBytes).digest('hex'));
    // The analyst sees where the file came from on its custody trail.
    expect(item?.custody.find((event) => event.detail?.startsWith('imported from case package'))).toMatchObject({ event: 'imported' });
    expect((await b.admin.invoke('evidence.verify', { evidenceId: item?.id ?? '' })).ok).toBe(true);

    // Authorship kept through a disabled account that cannot sign in.
    const account = dbOf(b.vault).prepare('SELECT username, display_name, disabled_at, role FROM users WHERE id = (SELECT created_by FROM investigations WHERE id = ?)').get(a.id);
    expect(account).toMatchObject({ username: expect.stringMatching(/^ada\.[0-9a-f]{6}$/) as unknown, display_name: 'Ada Admin (Test vault)', role: 'viewer' });
    expect(await vigilErrorOf(b.vault.client().invoke('auth.login', { username: (account as { username: string }).username, password: 'x' }))).toMatchObject({ code: 'INVALID_CREDENTIALS' });

    // One provenance row, and the import is in the audit log with no passphrase anywhere in it.
    expect(dbOf(b.vault).prepare('SELECT file_name, exported_by, exporting_vault_name, rows_written > 0 AS wrote FROM case_package_imports').all())
      .toEqual([{ file_name: 'case.vigilcase', exported_by: 'ada', exporting_vault_name: 'Test vault', wrote: 1 }]);
    const audit = dbOf(b.vault).prepare("SELECT action, details FROM audit_log WHERE action = 'casePackage.import'").all() as { details: string }[];
    expect(audit).toHaveLength(1);
    for (const v of [a.vault, b.vault]) {
      const all = (dbOf(v).prepare('SELECT group_concat(details) AS d FROM audit_log').get() as { d: string }).d;
      expect(all).not.toContain(PASSPHRASE);
    }
    expect(dbOf(b.vault).prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  });

  it('imports a second time without writing anything, and says it was already imported', async () => {
    const { a, b } = await twoVaults();
    const file = join(a.vault.dir, 'case.vigilcase');
    await a.cli.invoke('casePackage.export', { investigationKey: a.key, passphrase: PASSPHRASE, path: file });
    await b.cli.invoke('casePackage.import', { path: file, passphrase: PASSPHRASE });
    const counted = rowsEverywhere(dbOf(b.vault));
    const seen = await b.cli.invoke('casePackage.inspect', { path: file, passphrase: PASSPHRASE });
    expect(seen.previousImport).toMatchObject({ investigationKey: a.key });

    const again = await b.cli.invoke('casePackage.import', { path: file, passphrase: PASSPHRASE });

    expect(again.alreadyImported).toBe(true);
    expect(Object.values(again.written).every((n) => n === 0)).toBe(true);
    expect(again.alreadyPresent.alerts).toBeGreaterThan(0);
    expect(again.accountsAdded).toBe(0);
    expect(rowsEverywhere(dbOf(b.vault))).toEqual(counted);
  });

  it('gives the case a new key when the other vault already uses its key, and keeps it on a second import', async () => {
    const { a, b } = await twoVaults();
    const own = await b.admin.invoke('investigations.create', { title: 'B’s own first case' });
    expect(own.key).toBe(a.key);
    const file = join(a.vault.dir, 'case.vigilcase');
    await a.cli.invoke('casePackage.export', { investigationKey: a.key, passphrase: PASSPHRASE, path: file });

    const outcome = await b.cli.invoke('casePackage.import', { path: file, passphrase: PASSPHRASE });
    expect(outcome).toMatchObject({ rekeyed: true, packageKey: a.key });
    expect(outcome.investigationKey).not.toBe(a.key);
    expect(snapshot(dbOf(b.vault), outcome.investigationKey, { dropKey: true }).alerts).toEqual(snapshot(dbOf(a.vault), a.key).alerts);
    const next = await b.admin.invoke('investigations.create', { title: 'After the import' });
    expect([own.key, outcome.investigationKey]).not.toContain(next.key);

    const again = await b.cli.invoke('casePackage.import', { path: file, passphrase: PASSPHRASE });
    expect(again).toMatchObject({ alreadyImported: true, investigationKey: outcome.investigationKey });
  });

  it('refuses a wrong passphrase, a flipped byte in the payload or the manifest, and a truncated file, writing nothing', async () => {
    const { a, b } = await twoVaults();
    const file = join(a.vault.dir, 'case.vigilcase');
    await a.cli.invoke('casePackage.export', { investigationKey: a.key, passphrase: PASSPHRASE, path: file });
    const good = readFileSync(file);
    const before = rowsEverywhere(dbOf(b.vault));
    const headerLength = good.readUInt32LE(8);
    const manifestAt = 12 + headerLength + 4;
    const payloadAt = manifestAt + good.readUInt32LE(12 + headerLength);

    const wrong = await vigilErrorOf(b.cli.invoke('casePackage.import', { path: file, passphrase: 'not the passphrase at all' }));
    expect(wrong).toMatchObject({ code: 'INVALID_CREDENTIALS', details: { problem: 'wrong_passphrase' } });

    const cases: [string, (bytes: Buffer) => Buffer, string][] = [
      ['payload', (bytes) => { bytes[payloadAt + 5000] = (bytes[payloadAt + 5000] ?? 0) ^ 0x01; return bytes; }, 'tampered'],
      ['manifest', (bytes) => { bytes[manifestAt + 20] = (bytes[manifestAt + 20] ?? 0) ^ 0x80; return bytes; }, 'tampered'],
      ['mac', (bytes) => { bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x01; return bytes; }, 'tampered'],
      ['truncated', (bytes) => bytes.subarray(0, bytes.length - 1000), 'tampered'],
      ['cut short', (bytes) => bytes.subarray(0, 30), 'not_a_package'],
    ];
    for (const [name, damage, problem] of cases) {
      const damaged = join(a.vault.dir, `${name}.vigilcase`);
      writeFileSync(damaged, damage(Buffer.from(good)));
      const error = await vigilErrorOf(b.cli.invoke('casePackage.import', { path: damaged, passphrase: PASSPHRASE }));
      expect({ name, code: error.code, problem: error.details?.problem }).toEqual({ name, code: 'VAULT_CORRUPT', problem });
    }
    truncateSync(file, 0);
    expect(await vigilErrorOf(b.cli.invoke('casePackage.import', { path: file, passphrase: PASSPHRASE }))).toMatchObject({ details: { problem: 'not_a_package' } });
    // Audited (changes the audit log only): no investigation, custody, account, provenance or change-log row.
    expect(rowsEverywhere(dbOf(b.vault))).toEqual(before);
    expect(dbOf(b.vault).prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'casePackage.import' AND outcome = 'failure'").get()).toEqual({ n: 7 });
  });

  it('holds nothing readable of the case: no title, note, file name or evidence text in the bytes', async () => {
    const { a } = await twoVaults();
    const file = join(a.vault.dir, 'case.vigilcase');
    await a.cli.invoke('casePackage.export', { investigationKey: a.key, passphrase: PASSPHRASE, path: file });
    const bytes = readFileSync(file);
    for (const needle of [CANARY, a.key, 'ring@example.com', 'Ada Admin', 'Test vault', 'SQLite format 3']) {
      expect({ needle, utf8: bytes.includes(Buffer.from(needle, 'utf8')), utf16: bytes.includes(Buffer.from(needle, 'utf16le')) })
        .toEqual({ needle, utf8: false, utf16: false });
    }
  });

  it('lets neither a viewer nor an analyst export, and not a viewer import', async () => {
    const { a, b } = await twoVaults();
    const { addUser } = await import('../support/test-core');
    const viewer = await addUser(a.vault, a.admin, 'vera', 'viewer');
    const analyst = await addUser(a.vault, a.admin, 'anna', 'analyst');
    for (const client of [viewer, analyst]) {
      expect(await vigilErrorOf(client.invoke('casePackage.export', { investigationId: a.id, passphrase: PASSPHRASE }))).toMatchObject({ code: 'FORBIDDEN' });
    }
    const file = join(a.vault.dir, 'case.vigilcase');
    await a.cli.invoke('casePackage.export', { investigationKey: a.key, passphrase: PASSPHRASE, path: file });
    const bViewer = await addUser(b.vault, b.admin, 'vic', 'viewer');
    const before = rowsEverywhere(dbOf(b.vault));
    expect(await vigilErrorOf(bViewer.invoke('casePackage.import', { path: file, passphrase: PASSPHRASE }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await vigilErrorOf(bViewer.invoke('uploads.begin', { fileName: 'case.vigilcase', size: 10 }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(rowsEverywhere(dbOf(b.vault))).toEqual(before);
    // A window may not name a path.
    expect(await vigilErrorOf(b.admin.invoke('casePackage.import', { path: file, passphrase: PASSPHRASE }))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('a case package through a window (no paths)', () => {
  it('downloads in chunks, uploads, shows what is inside, asks again after a wrong passphrase, imports', async () => {
    const { a, b } = await twoVaults();
    const made = await a.admin.invoke('casePackage.export', { investigationId: a.id, passphrase: PASSPHRASE });
    expect(made.fileName).toMatch(new RegExp(`^${a.key}-\\d{8}-\\d{4}\\.vigilcase$`));
    const parts: Buffer[] = [];
    for (let offset = 0; offset < made.sizeBytes;) {
      const chunk = await a.admin.invoke('casePackage.download', { downloadId: made.downloadId ?? '', offset });
      parts.push(Buffer.from(chunk.dataBase64, 'base64'));
      offset = chunk.nextOffset;
    }
    const bytes = Buffer.concat(parts);
    expect(bytes.length).toBe(made.sizeBytes);
    // Fetched in full: gone from main.
    expect(await vigilErrorOf(a.admin.invoke('casePackage.download', { downloadId: made.downloadId ?? '', offset: 0 }))).toMatchObject({ code: 'NOT_FOUND' });

    const { uploadId, chunkBytes } = await b.admin.invoke('uploads.begin', { fileName: made.fileName, size: bytes.length });
    for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
      await b.admin.invoke('uploads.chunk', { uploadId, offset, dataBase64: bytes.subarray(offset, offset + chunkBytes).toString('base64') });
    }
    const wrong = await vigilErrorOf(b.admin.invoke('casePackage.inspect', { uploadId, passphrase: 'not it, not at all' }));
    expect(wrong).toMatchObject({ code: 'INVALID_CREDENTIALS', details: { stagedId: expect.any(String) as unknown } });
    const stagedId = String(wrong.details?.stagedId);
    const seen = await b.admin.invoke('casePackage.inspect', { stagedId, passphrase: PASSPHRASE });
    expect(seen).toMatchObject({ stagedId, fileName: made.fileName, previousImport: null, summary: { investigationKey: a.key, exportedBy: 'ada', rowCounts: { alerts: 15, evidence: 1 } } });
    const outcome = await b.admin.invoke('casePackage.import', { stagedId, passphrase: PASSPHRASE });
    expect(outcome).toMatchObject({ investigationId: a.id, alreadyImported: false, fileName: made.fileName });
    expect((await b.admin.invoke('investigations.get', { investigationId: a.id })).key).toBe(a.key);
    // Imported: the staged file is gone too.
    expect(await vigilErrorOf(b.admin.invoke('casePackage.import', { stagedId, passphrase: PASSPHRASE }))).toMatchObject({ code: 'NOT_FOUND' });
  });
});
