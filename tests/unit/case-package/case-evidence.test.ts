// Evidence hashes are checked on the way out and on the way in: a vault whose evidence bytes no
// longer match their SHA-256 does not seal them, and a package whose payload was changed by someone
// holding the passphrase (so its MAC is valid) is refused before anything is written.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestVault } from '../support/test-core';
import { vigilErrorOf } from '../support/errors';
import { SCHEMA_VERSION } from '../../../src-main/store/migrations';
import { dbOf, emptyVault, PASSPHRASE, rowsEverywhere, sealAs, vaultWithCase } from './case-fixtures';

const vaults: TestVault[] = [];
afterEach(() => {
  for (const v of vaults.splice(0)) v.dispose();
});

describe('evidence hashes in case packages', () => {
  it('refuses to seal evidence whose bytes no longer match their SHA-256, leaving no file', async () => {
    const a = await vaultWithCase();
    vaults.push(a.vault);
    const db = dbOf(a.vault);
    const trigger = (db.prepare("SELECT sql FROM sqlite_master WHERE name = 'evidence_blobs_no_update'").get() as { sql: string }).sql;
    db.exec('DROP TRIGGER evidence_blobs_no_update');
    db.prepare('UPDATE evidence_blobs SET bytes = zeroblob(length(bytes)) WHERE seq = 0').run();
    db.exec(trigger);
    const file = join(a.vault.dir, 'case.vigilcase');
    const error = await vigilErrorOf(a.cli.invoke('casePackage.export', { investigationKey: a.key, passphrase: PASSPHRASE, path: file }));
    expect(error).toMatchObject({ code: 'VAULT_CORRUPT', details: { problem: 'evidence_hash' } });
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a sealed package whose evidence bytes were changed before sealing, writing nothing', async () => {
    const a = await vaultWithCase();
    const b = await emptyVault();
    vaults.push(a.vault, b.vault);
    const file = join(a.vault.dir, 'forged.vigilcase');
    await sealAs(a, file, {
      schema: SCHEMA_VERSION,
      alterPayload: (db) => {
        db.exec('DROP TRIGGER evidence_blobs_no_update');
        db.prepare('UPDATE evidence_blobs SET bytes = zeroblob(length(bytes)) WHERE seq = 1').run();
      },
    });
    const before = rowsEverywhere(dbOf(b.vault));
    const error = await vigilErrorOf(b.cli.invoke('casePackage.import', { path: file, passphrase: PASSPHRASE }));
    expect(error).toMatchObject({ code: 'VAULT_CORRUPT', details: { problem: 'evidence_hash' } });
    expect(error.message).toMatch(/does not match its recorded SHA-256/);
    expect(rowsEverywhere(dbOf(b.vault))).toEqual(before);
  });
});
