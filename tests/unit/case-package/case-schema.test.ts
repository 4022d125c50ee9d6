// Packages from other versions of Vigil: one made by an older schema is brought forward in its temp
// copy and imported; one made by a newer schema is refused, clearly, with nothing written.
import { afterEach, describe, expect, it } from 'vitest';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestVault } from '../support/test-core';
import { vigilErrorOf } from '../support/errors';
import { openDatabase } from '../../../src-main/store/database';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src-main/store/migrations';
import { PRODUCTION_KDF } from '../../../src-main/vault/kdf';
import { deriveCaseKeys, newSalt } from '../../../src-main/case-package/package-keys';
import { sealPackage } from '../../../src-main/case-package/package-file';
import { collectInvestigation, writePayload } from '../../../src-main/case-package/package-payload';
import { dbOf, emptyVault, PASSPHRASE, rowsEverywhere, snapshot, vaultWithCase, type Made } from './case-fixtures';

const vaults: TestVault[] = [];
afterEach(() => {
  for (const v of vaults.splice(0)) v.dispose();
});

/** Seals the case as a Vigil with `schema` migrations (or one claiming a newer schema) would. */
async function sealAs(a: Made, target: string, options: { schema: number; claim?: number }): Promise<void> {
  const contents = collectInvestigation(dbOf(a.vault), a.key);
  const salt = newSalt();
  const keys = await deriveCaseKeys(PASSPHRASE, salt, PRODUCTION_KDF);
  const payloadPath = join(a.vault.dir, `${randomUUID()}.payload`);
  await writePayload(payloadPath, keys.database, contents, { migrations: MIGRATIONS.filter((m) => m.version <= options.schema) });
  if (options.claim !== undefined) {
    const db = openDatabase(payloadPath, { key: keys.database });
    db.pragma(`user_version = ${options.claim}`);
    db.pragma('journal_mode = DELETE');
    db.close();
  }
  const payload = readFileSync(payloadPath);
  await sealPackage({
    target, kdf: PRODUCTION_KDF, salt, keys, payloadPath,
    manifest: {
      format: 1, packageId: randomUUID(), investigationId: a.id, investigationKey: a.key, investigationTitle: 'Ring', exportedAt: 1,
      exportedBy: { userId: 'u', username: 'ada', displayName: 'Ada' }, vault: { id: 'v', name: 'Old vault' }, appVersion: '0.0.1',
      schemaVersion: options.claim ?? options.schema, rowCounts: contents.rowCounts, evidence: contents.evidence,
      payloadLength: payload.length, payloadSha256: createHash('sha256').update(payload).digest('hex'),
    },
  });
  keys.wipe();
}

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
