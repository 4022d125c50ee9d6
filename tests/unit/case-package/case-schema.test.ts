// Packages from other versions of Vigil: one made by an older schema is brought forward in its temp
// copy and imported; one made by a newer schema is refused, clearly, with nothing written.
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { TestVault } from '../support/test-core';
import { vigilErrorOf } from '../support/errors';
import { SCHEMA_VERSION } from '../../../src-main/store/migrations';
import { dbOf, emptyVault, PASSPHRASE, rowsEverywhere, sealAs, snapshot, vaultWithCase } from './case-fixtures';

const vaults: TestVault[] = [];
afterEach(() => {
  for (const v of vaults.splice(0)) v.dispose();
});

describe('case packages across versions of Vigil', () => {
  it('imports a package made at schema v5 (before custody details) by migrating its copy forward', async () => {
    const a = await vaultWithCase();
    const b = await emptyVault();
    vaults.push(a.vault, b.vault);
    const file = join(a.vault.dir, 'old.vigilcase');
    await sealAs(a, file, { schema: 5 });
    const outcome = await b.cli.invoke('casePackage.import', { path: file, passphrase: PASSPHRASE });
    expect(outcome).toMatchObject({ investigationKey: a.key, evidenceVerified: 1 });
    expect(snapshot(dbOf(b.vault), a.key).notes).toEqual(snapshot(dbOf(a.vault), a.key).notes);
  });

  it('refuses a package from a newer schema, saying so, and writes nothing', async () => {
    const a = await vaultWithCase();
    const b = await emptyVault();
    vaults.push(a.vault, b.vault);
    const file = join(a.vault.dir, 'new.vigilcase');
    await sealAs(a, file, { schema: SCHEMA_VERSION, claim: SCHEMA_VERSION + 1 });
    const before = rowsEverywhere(dbOf(b.vault));
    const error = await vigilErrorOf(b.cli.invoke('casePackage.import', { path: file, passphrase: PASSPHRASE }));
    expect(error).toMatchObject({ code: 'VAULT_FROM_FUTURE', details: { packageSchema: SCHEMA_VERSION + 1, supportedSchema: SCHEMA_VERSION } });
    expect(error.message).toMatch(/newer version of Vigil/);
    expect(rowsEverywhere(dbOf(b.vault))).toEqual(before);
  });
});
