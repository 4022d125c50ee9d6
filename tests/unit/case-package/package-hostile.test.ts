// A case package is a file from someone else; anyone who knows its passphrase can seal one. It must
// not choose how much memory and time we spend opening it, one staged file must not be opened many
// times at once, argon2 runs in the app's one queue, and a payload carrying database code Vigil did
// not write is refused before any of it can run.
import { afterEach, describe, expect, it, vi } from 'vitest';
import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestVault } from '../support/test-core';
import { vigilErrorOf } from '../support/errors';
import { SCHEMA_VERSION } from '../../../src-main/store/migrations';
import { PRODUCTION_KDF } from '../../../src-main/vault/kdf';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import type { SqliteDatabase } from '../../../src-main/store/database';
import { dbOf, emptyVault, PASSPHRASE, rowsEverywhere, sealAs, vaultWithCase, type Made } from './case-fixtures';

const vaults: TestVault[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const v of vaults.splice(0)) v.dispose();
});

type Hash = typeof argon2.hash;

/**
 * Watches every argon2 derivation: how many ran and how many at most at once. A derivation above
 * twice the production cost is not run (it would take a gigabyte here); it fails instead.
 */
function watchArgon2(): { calls: number; mostAtOnce: number } {
  const seen = { calls: 0, mostAtOnce: 0 };
  let running = 0;
  const original = argon2.hash.bind(argon2) as Hash;
  vi.spyOn(argon2, 'hash').mockImplementation((async (password: string | Buffer, options?: { memoryCost?: number }) => {
    seen.calls += 1;
    if ((options?.memoryCost ?? 0) > 2 * PRODUCTION_KDF.memoryKiB) throw new Error('an excessive argon2 cost was derived');
    running += 1;
    seen.mostAtOnce = Math.max(seen.mostAtOnce, running);
    try {
      return await (original as (p: string | Buffer, o?: object) => Promise<unknown>)(password, options);
    } finally {
      running -= 1;
    }
  }) as unknown as Hash);
  return seen;
}

/** A file that parses as a package up to its header, which asks for 1 GiB, 32 passes and 16 lanes. */
function greedyPackage(path: string): void {
  const header = Buffer.from(JSON.stringify({
    format: 1, kdf: { algorithm: 'argon2id', memoryKiB: 1024 * 1024, iterations: 32, parallelism: 16 },
    salt: randomBytes(16).toString('base64'), check: randomBytes(32).toString('base64'),
  }));
  const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b; };
  const manifest = randomBytes(200);
  writeFileSync(path, Buffer.concat([Buffer.from('VIGILCS1'), u32(header.length), header, u32(manifest.length), manifest, randomBytes(4096), randomBytes(32)]));
}

async function uploadTo(client: InProcessClient, fileName: string, bytes: Buffer): Promise<string> {
  const { uploadId, chunkBytes } = await client.invoke('uploads.begin', { fileName, size: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    await client.invoke('uploads.chunk', { uploadId, offset, dataBase64: bytes.subarray(offset, offset + chunkBytes).toString('base64') });
  }
  return uploadId;
}

describe('the cost a package asks for', () => {
  it('is refused above twice the production setting, before anything is derived', async () => {
    const b = await emptyVault();
    vaults.push(b.vault);
    const file = join(b.vault.dir, 'greedy.vigilcase');
    greedyPackage(file);
    const argon = watchArgon2();
    const error = await vigilErrorOf(b.cli.invoke('casePackage.inspect', { path: file, passphrase: PASSPHRASE }));
    expect(error).toMatchObject({ code: 'VALIDATION', details: { problem: 'excessive_kdf' } });
    expect(argon.calls).toBe(0);
  });
});

describe('opening packages at the same time', () => {
  it('derives one passphrase at a time, in the queue sign-ins use', async () => {
    const a = await vaultWithCase();
    vaults.push(a.vault);
    const files = [join(a.vault.dir, 'one.vigilcase'), join(a.vault.dir, 'two.vigilcase')];
    for (const path of files) await a.cli.invoke('casePackage.export', { investigationKey: a.key, passphrase: PASSPHRASE, path });
    const argon = watchArgon2();
    const seen = await Promise.all(files.map((path) => a.cli.invoke('casePackage.inspect', { path, passphrase: PASSPHRASE })));
    expect(seen.map((s) => s.summary.investigationKey)).toEqual([a.key, a.key]);
    expect(argon.calls).toBe(2);
    expect(argon.mostAtOnce).toBe(1);
  });

  it('opens one staged file once at a time: a second call meanwhile is told it is busy, and the file stays', async () => {
    const a = await vaultWithCase();
    const b = await emptyVault();
    vaults.push(a.vault, b.vault);
    const file = join(a.vault.dir, 'case.vigilcase');
    await a.cli.invoke('casePackage.export', { investigationKey: a.key, passphrase: PASSPHRASE, path: file });
    const uploadId = await uploadTo(b.admin, 'case.vigilcase', readFileSync(file));
    const wrong = await vigilErrorOf(b.admin.invoke('casePackage.inspect', { uploadId, passphrase: 'not the passphrase at all' }));
    const stagedId = String(wrong.details?.stagedId);

    const results = await Promise.allSettled([
      b.admin.invoke('casePackage.inspect', { stagedId, passphrase: PASSPHRASE }),
      b.admin.invoke('casePackage.inspect', { stagedId, passphrase: PASSPHRASE }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason as unknown;
    expect(refused).toMatchObject({ code: 'UNAVAILABLE', details: { reason: 'busy' } });
    // The busy answer did not drop the file from under the call that holds it.
    const outcome = await b.admin.invoke('casePackage.import', { stagedId, passphrase: PASSPHRASE });
    expect(outcome.investigationKey).toBe(a.key);
  });
});

describe('a payload carrying database code Vigil did not write', () => {
  async function refusedImport(alterPayload: (db: SqliteDatabase) => void): Promise<void> {
    const a: Made = await vaultWithCase();
    const b = await emptyVault();
    vaults.push(a.vault, b.vault);
    const file = join(a.vault.dir, 'hostile.vigilcase');
    await sealAs(a, file, { schema: SCHEMA_VERSION, alterPayload });
    const before = rowsEverywhere(dbOf(b.vault));
    const error = await vigilErrorOf(b.cli.invoke('casePackage.import', { path: file, passphrase: PASSPHRASE }));
    expect(error).toMatchObject({ code: 'VAULT_CORRUPT', details: { problem: 'foreign_schema' } });
    expect(rowsEverywhere(dbOf(b.vault))).toEqual(before);
  }

  it('is refused when it adds a trigger', async () => {
    await refusedImport((db) => db.exec("CREATE TRIGGER notes_spy AFTER UPDATE ON notes BEGIN DELETE FROM tasks; END"));
  });

  it('is refused when it adds a view', async () => {
    await refusedImport((db) => db.exec('CREATE VIEW everything AS SELECT n1.id FROM notes n1, notes n2, notes n3, notes n4'));
  });

  it("is refused when it rewrites one of Vigil's own triggers", async () => {
    await refusedImport((db) => {
      db.exec('DROP TRIGGER evidence_blobs_no_update');
      db.exec('CREATE TRIGGER evidence_blobs_no_update BEFORE UPDATE ON evidence_blobs BEGIN SELECT 1; END');
    });
  });
});
