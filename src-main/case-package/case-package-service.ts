// Case packages: seal one investigation into a `.vigilcase` file under a passphrase,
// look inside one, and import one into this vault. The file format is package-file.ts, the payload
// package-payload.ts, the write into the vault package-import.ts; this file puts them in order and
// owns the temp files. Keys live for one call (package-keys.ts) and are wiped when it ends.
import { randomUUID, createHash } from 'node:crypto';
import { createReadStream, mkdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { VigilError } from '../../src-shared/errors';
import type { CasePackageImportOutcome, CasePackageSummary } from '../../src-shared/case-package-contract';
import type { Clock } from '../platform/clock';
import type { VaultCustody } from '../vault/custody';
import type { Repositories } from '../repositories';
import { PRODUCTION_KDF, type KdfParams } from '../vault/kdf';
import { removeDatabaseFiles } from '../store/database';
import { SCHEMA_VERSION } from '../store/migrations';
import { deriveCaseKeys, newSalt, type DeriveKey } from './package-keys';
import { openPackage, sealPackage, verifySealedPackage } from './package-file';
import { summaryOf, type CaseManifest } from './package-manifest';
import { collectInvestigation, readPayload, writePayload } from './package-payload';
import { CasePackageWriter, previousImport, type Importer } from './package-import';
import { appendCustodyWithDetail } from './custody-detail';

export interface CasePackageDependencies {
  /** Where payload databases live while a package is made or read (ciphertext, removed after each call). */
  workDir: string;
  custody: VaultCustody<Repositories>;
  identity: () => { vaultId: string; vaultName: string };
  clock: Clock;
  appVersion: string;
  /** Argon2id parameters for new packages (production unless a test asks for cheap ones). */
  kdf?: KdfParams;
  /** The weakest parameters an imported package may have been sealed with. */
  floor?: KdfParams;
  /** The app's one argon2 queue (KeySlotStore.deriveInTurn); unqueued when absent (tests). */
  derive?: DeriveKey;
  nativeBinding?: string | undefined;
}

export interface Exporter {
  id: string;
  username: string;
  displayName: string;
}

export type InvestigationRef = { investigationId: string } | { investigationKey: string };

async function sha256OfFile(path: string): Promise<{ sha256: string; length: number }> {
  const hash = createHash('sha256');
  let length = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    hash.update(chunk as Buffer);
    length += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), length };
}

export class CasePackageService {
  private readonly kdf: KdfParams;
  private readonly floor: KdfParams;

  constructor(private readonly deps: CasePackageDependencies) {
    this.kdf = deps.kdf ?? PRODUCTION_KDF;
    this.floor = deps.floor ?? PRODUCTION_KDF;
    rmSync(deps.workDir, { recursive: true, force: true });
    mkdirSync(deps.workDir, { recursive: true, mode: 0o700 });
  }

  /** Seals the investigation into `target` (written beside it, fsynced, renamed); records an `exported` custody event per evidence item. */
  async exportTo(target: string, ref: InvestigationRef, passphrase: string, exporter: Exporter): Promise<{ summary: CasePackageSummary; sizeBytes: number }> {
    const { db } = this.deps.custody.vault;
    const found = 'investigationId' in ref
      ? db.prepare<[string], { key: string; title: string }>('SELECT key, title FROM investigations WHERE id = ? AND deleted_at IS NULL').get(ref.investigationId)
      : db.prepare<[string], { key: string; title: string }>('SELECT key, title FROM investigations WHERE key = ? AND deleted_at IS NULL').get(ref.investigationKey.trim());
    if (!found) throw new VigilError('NOT_FOUND', 'No such investigation');
    const contents = collectInvestigation(db, found.key);
    const investigation = contents.rows.byTable.investigations[0];
    const payloadPath = join(this.deps.workDir, `${randomUUID()}.payload`);
    const salt = newSalt();
    const keys = await deriveCaseKeys(passphrase, salt, this.kdf, this.deps.derive);
    try {
      await writePayload(payloadPath, keys.database, contents, { nativeBinding: this.deps.nativeBinding });
      const payload = await sha256OfFile(payloadPath);
      const identity = this.deps.identity();
      const manifest: CaseManifest = {
        format: 1, packageId: randomUUID(), investigationId: String(investigation?.id), investigationKey: found.key, investigationTitle: found.title,
        exportedAt: this.deps.clock.now(), exportedBy: { userId: exporter.id, username: exporter.username, displayName: exporter.displayName },
        vault: { id: identity.vaultId, name: identity.vaultName }, appVersion: this.deps.appVersion, schemaVersion: SCHEMA_VERSION,
        rowCounts: contents.rowCounts, evidence: contents.evidence, payloadLength: payload.length, payloadSha256: payload.sha256,
      };
      const sizeBytes = await sealPackage({ target, kdf: this.kdf, salt, keys, manifest, payloadPath });
      try {
        await verifySealedPackage(target, keys.mac);
      } catch (error) {
        rmSync(target, { force: true });
        throw error;
      }
      this.recordExported(contents.evidence.map((e) => e.id), exporter.id, `sealed into case package ${basename(target)}`);
      return { summary: summaryOf(manifest), sizeBytes };
    } finally {
      keys.wipe();
      removeDatabaseFiles(payloadPath);
    }
  }

  /** Authenticates a package and says what is in it; writes nothing. */
  async inspect(path: string, passphrase: string): Promise<{ summary: CasePackageSummary; previousImport: { importedAt: number; investigationKey: string } | null }> {
    const payloadPath = join(this.deps.workDir, `${randomUUID()}.payload`);
    try {
      const opened = await openPackage(path, passphrase, payloadPath, this.floor, this.deps.derive);
      opened.keys.wipe();
      return { summary: summaryOf(opened.manifest), previousImport: previousImport(this.deps.custody.vault.db, opened.manifest.packageId) };
    } finally {
      removeDatabaseFiles(payloadPath);
    }
  }

  /** Authenticates, verifies every evidence hash, then copies the investigation in one transaction. */
  async importFrom(path: string, fileName: string, passphrase: string, importer: Importer): Promise<CasePackageImportOutcome> {
    const payloadPath = join(this.deps.workDir, `${randomUUID()}.payload`);
    try {
      const opened = await openPackage(path, passphrase, payloadPath, this.floor, this.deps.derive);
      let contents;
      try {
        contents = readPayload(payloadPath, opened.keys.database, opened.manifest.investigationKey, opened.manifest.evidence, this.deps.nativeBinding);
      } finally {
        opened.keys.wipe();
      }
      const { manifest } = opened;
      if (String(contents.rows.byTable.investigations[0]?.id) !== manifest.investigationId) {
        throw new VigilError('VAULT_CORRUPT', 'The case package does not hold the investigation its manifest names', { problem: 'tampered' });
      }
      const { db, repositories } = this.deps.custody.vault;
      const result = new CasePackageWriter(db, repositories.row).write(contents, manifest, fileName, importer);
      return {
        investigationId: result.copy.investigationId, investigationKey: result.investigationKey, packageKey: manifest.investigationKey,
        rekeyed: result.investigationKey !== manifest.investigationKey, fileName, alreadyImported: result.alreadyImported,
        written: result.copy.restored, alreadyPresent: result.copy.alreadyPresent, accountsAdded: result.accountsAdded,
        alertsHeldElsewhere: result.copy.alertsHeldElsewhere, entitiesMerged: result.copy.entitiesMerged, evidenceVerified: contents.evidence.length,
        summary: summaryOf(manifest),
      };
    } finally {
      removeDatabaseFiles(payloadPath);
    }
  }

  /** The source vault's custody trail says each evidence item left in a package. */
  private recordExported(evidenceIds: string[], userId: string, detail: string): void {
    const { db, repositories } = this.deps.custody.vault;
    db.transaction(() => {
      for (const evidenceId of evidenceIds) appendCustodyWithDetail(db, repositories.row, { evidenceId, userId, event: 'exported', detail });
    })();
  }
}
