// Case packages moving between this vault and a file: sealed to a path the command line names, or
// staged for a window to fetch in chunks; opened from a path, or from an upload staged while the
// analyst looks inside before importing. Owns the rules one permission cannot say (an export also
// needs read_investigations and access_pii) and the one-call-at-a-time guard on a staged file.
// Built once by the composition root; the handlers translate and audit.
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { VigilError } from '../../src-shared/errors';
import { CASE_PACKAGE_EXTENSION, type CasePackageChunk, type CasePackageSummary } from '../../src-shared/case-package-contract';
import type { Permission } from '../../src-shared/permissions';
import type { UploadStore } from '../uploads/upload-store';
import { CasePackageService, type CasePackageDependencies, type Exporter } from './case-package-service';
import type { Importer } from './package-import';
import { PackageStaging, type StagedPackage } from './package-staging';

export interface CasePackageExchangeOptions extends Omit<CasePackageDependencies, 'workDir'> {
  /** The data directory: payloads are made under case-package-work/, staged files kept under case-packages/. */
  dataDir: string;
  uploads: UploadStore;
}

/** What a window or the command line may see of a package before importing it. */
export type PackageLook = Awaited<ReturnType<CasePackageService['inspect']>>;

/** A package taken out of the vault: the file it went to, or the staged download a window fetches. */
export interface ExportedPackage {
  fileName: string;
  sizeBytes: number;
  downloadId: string | null;
  summary: CasePackageSummary;
}

/** INV-2026-0001-20260105-1430.vigilcase */
export function packageFileName(key: string, ms: number): string {
  const stamp = new Date(ms).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `${key.replace(/[^A-Za-z0-9-]/g, '')}-${stamp}${CASE_PACKAGE_EXTENSION}`;
}

/** A package carries real values: someone who only sees masked ones may not take them out. */
export function assertMayExport(permissions: readonly Permission[]): void {
  for (const permission of ['read_investigations', 'access_pii'] as const) {
    if (!permissions.includes(permission)) throw new VigilError('FORBIDDEN', 'Exporting a case package needs access to PII as well as export rights', { permission });
  }
}

export class CasePackageExchange {
  private readonly packages: CasePackageService;
  private readonly staging: PackageStaging;
  /**
   * Staged packages being opened right now: one call at a time per file, so one staged package
   * cannot queue any number of argon2 derivations and payload copies behind each other.
   */
  private readonly opening = new Set<string>();

  constructor(private readonly options: CasePackageExchangeOptions) {
    const { dataDir, uploads: _uploads, ...deps } = options;
    this.packages = new CasePackageService({ ...deps, workDir: join(dataDir, 'case-package-work') });
    this.staging = new PackageStaging(join(dataDir, 'case-packages'), () => options.clock.now());
  }

  /** Drops staged packages nobody touched for a while (called on the app's sweep timer). */
  sweep(): void {
    this.staging.dropIdle();
  }

  async exportToFile(target: string, investigationKey: string, passphrase: string, exporter: Exporter, permissions: readonly Permission[]): Promise<ExportedPackage> {
    assertMayExport(permissions);
    const made = await this.packages.exportTo(target, { investigationKey }, passphrase, exporter);
    return { fileName: target.split(/[\\/]/).pop() ?? target, sizeBytes: made.sizeBytes, downloadId: null, summary: made.summary };
  }

  async exportForDownload(investigationId: string, passphrase: string, exporter: Exporter, permissions: readonly Permission[]): Promise<ExportedPackage> {
    assertMayExport(permissions);
    const { key } = this.options.custody.vault.repositories.investigations.lookup.require(investigationId);
    const fileName = packageFileName(key, this.options.clock.now());
    const staged = this.staging.reserve(exporter.id, 'download', fileName);
    try {
      const made = await this.packages.exportTo(staged.path, { investigationId }, passphrase, exporter);
      return { fileName, sizeBytes: made.sizeBytes, downloadId: staged.id, summary: made.summary };
    } catch (error) {
      this.staging.drop(staged.id);
      throw error;
    }
  }

  download(userId: string, downloadId: string, offset: number): CasePackageChunk {
    return this.staging.chunk(userId, downloadId, offset);
  }

  inspectFile(path: string, passphrase: string): Promise<PackageLook> {
    return this.packages.inspect(path, passphrase);
  }

  /**
   * Looks inside a staged package, or stages an upload first. `onStaged` learns the file's name
   * before the passphrase is tried (the audit row names it either way). A wrong passphrase keeps the
   * file staged, so it may be typed again without sending the file again; any other failure drops it.
   */
  async inspectStaged(
    userId: string, source: { stagedId: string } | { uploadId: string }, passphrase: string, onStaged: (fileName: string) => void,
  ): Promise<PackageLook & { stagedId: string; fileName: string }> {
    const staged = 'stagedId' in source ? this.staging.get(userId, source.stagedId, 'import') : await this.stageUpload(userId, source.uploadId);
    onStaged(staged.fileName);
    try {
      const seen = await this.oneAtATime(staged.id, () => this.packages.inspect(staged.path, passphrase));
      return { stagedId: staged.id, fileName: staged.fileName, ...seen };
    } catch (error) {
      // A busy file stays for the call that holds it.
      if (error instanceof VigilError && error.details?.reason === 'busy') throw error;
      if (error instanceof VigilError && error.code === 'INVALID_CREDENTIALS') {
        throw new VigilError(error.code, error.message, { ...error.details, stagedId: staged.id });
      }
      this.staging.drop(staged.id);
      throw error;
    }
  }

  importFile(path: string, passphrase: string, importer: Importer) {
    return this.packages.importFrom(path, path.split(/[\\/]/).pop() ?? path, passphrase, importer);
  }

  async importStaged(userId: string, stagedId: string, passphrase: string, importer: Importer) {
    const staged = this.staging.get(userId, stagedId, 'import');
    const outcome = await this.oneAtATime(staged.id, () => this.packages.importFrom(staged.path, staged.fileName, passphrase, importer));
    this.staging.drop(staged.id);
    return outcome;
  }

  discard(userId: string, stagedId: string): void {
    this.staging.drop(this.staging.get(userId, stagedId, 'import').id);
  }

  /** The uploaded file (already a sealed package: ciphertext) moves from the upload store to staging. */
  private async stageUpload(userId: string, uploadId: string): Promise<StagedPackage> {
    const upload = this.options.uploads.take(userId, uploadId);
    const staged = this.staging.reserve(userId, 'import', upload.fileName);
    try {
      await pipeline(upload.open(), createWriteStream(staged.path, { flags: 'wx', mode: 0o600 }));
      return staged;
    } catch (error) {
      this.staging.drop(staged.id);
      throw error;
    } finally {
      upload.dispose();
    }
  }

  private async oneAtATime<T>(stagedId: string, work: () => Promise<T>): Promise<T> {
    if (this.opening.has(stagedId)) {
      throw new VigilError('UNAVAILABLE', 'This case package is already being opened; wait for that to finish', { reason: 'busy', stagedId });
    }
    this.opening.add(stagedId);
    try {
      return await work();
    } finally {
      this.opening.delete(stagedId);
    }
  }
}
