// Case package channels: export (to a path from the command line, else staged for a window to fetch
// in chunks), download, inspect, import and discard. The router checks export_data or
// create_investigations and audits; this adds what one permission cannot say (an export also needs
// read_investigations and access_pii) and the audit notes (never a passphrase).
import { createWriteStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { VigilError } from '../../../src-shared/errors';
import { CASE_PACKAGE_EXTENSION, type casePackageChannels, type CasePackageImportOutcome } from '../../../src-shared/case-package-contract';
import type { Handlers, Caller } from '../router';
import { requireSession, type Services } from './services';
import type { LiveSession } from '../../auth/session-registry';
import { CasePackageService } from '../../case-package/case-package-service';
import { PackageStaging } from '../../case-package/package-staging';

/** From a window a path could name any file on the machine: only the command line may pass one. */
function assertCli(caller: Caller): void {
  if (caller.client !== 'cli') throw new VigilError('FORBIDDEN', 'Case packages are chosen and saved through the window here; paths are for the command line');
}

/** INV-2026-0001-20260105-1430.vigilcase */
function packageFileName(key: string, ms: number): string {
  const stamp = new Date(ms).toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  return `${key.replace(/[^A-Za-z0-9-]/g, '')}-${stamp}${CASE_PACKAGE_EXTENSION}`;
}

function rowsIn(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

function importNote(outcome: CasePackageImportOutcome): Record<string, unknown> {
  return {
    summary: outcome.alreadyImported
      ? `case package ${outcome.fileName} (${outcome.packageKey}) was already imported; nothing written`
      : `investigation ${outcome.investigationKey} imported from case package ${outcome.fileName}`,
    packageId: outcome.summary.packageId, exportedBy: outcome.summary.exportedBy, exportingVault: outcome.summary.vaultName,
    exportedAt: outcome.summary.exportedAt, rowsWritten: rowsIn(outcome.written), accountsAdded: outcome.accountsAdded,
    evidenceVerified: outcome.evidenceVerified, rekeyed: outcome.rekeyed, alreadyImported: outcome.alreadyImported,
  };
}

export function casePackageHandlers(s: Services): Pick<Handlers, keyof typeof casePackageChannels> {
  const dataDir = dirname(s.databasePath);
  const packages = new CasePackageService({
    workDir: join(dataDir, 'case-package-work'), custody: s.custody, identity: () => s.keySlots.identity(), clock: s.clock, appVersion: s.appVersion,
    derive: (passphrase, salt, kdf) => s.keySlots.deriveInTurn(passphrase, salt, kdf),
  });
  const staging = new PackageStaging(join(dataDir, 'case-packages'), () => s.clock.now());
  /**
   * Staged packages being opened right now: one call at a time per file, so one staged package
   * cannot queue any number of argon2 derivations and payload copies behind each other.
   */
  const opening = new Set<string>();
  const oneAtATime = async <T>(stagedId: string, work: () => Promise<T>): Promise<T> => {
    if (opening.has(stagedId)) {
      throw new VigilError('UNAVAILABLE', 'This case package is already being opened; wait for that to finish', { reason: 'busy', stagedId });
    }
    opening.add(stagedId);
    try {
      return await work();
    } finally {
      opening.delete(stagedId);
    }
  };
  const who = (live: LiveSession) => {
    const view = s.sessions.view(live);
    return { view, importer: { id: live.userId, username: view.username } };
  };

  /** The uploaded file (already a sealed package: ciphertext) moves from the upload store to staging. */
  const stageUpload = async (userId: string, uploadId: string) => {
    const upload = s.uploads.take(userId, uploadId);
    const staged = staging.reserve(userId, 'import', upload.fileName);
    try {
      await pipeline(upload.open(), createWriteStream(staged.path, { flags: 'wx', mode: 0o600 }));
      return staged;
    } catch (error) {
      staging.drop(staged.id);
      throw error;
    } finally {
      upload.dispose();
    }
  };

  return {
    'casePackage.export': async (input, { session, caller, note }) => {
      const live = requireSession(session);
      const { view } = who(live);
      // A package carries real values: someone who only sees masked ones may not take them out.
      for (const permission of ['read_investigations', 'access_pii'] as const) {
        if (!view.permissions.includes(permission)) throw new VigilError('FORBIDDEN', 'Exporting a case package needs access to PII as well as export rights', { permission });
      }
      const exporter = { id: live.userId, username: view.username, displayName: view.displayName };
      if ('path' in input) {
        assertCli(caller);
        const target = resolve(input.path);
        const made = await packages.exportTo(target, { investigationKey: input.investigationKey }, input.passphrase, exporter);
        note({ target: made.summary.investigationKey, details: { file: target, packageId: made.summary.packageId, sizeBytes: made.sizeBytes, evidence: made.summary.evidence.length } });
        return { fileName: target.split(/[\\/]/).pop() ?? target, sizeBytes: made.sizeBytes, path: target, downloadId: null, summary: made.summary };
      }
      const key = s.custody.vault.db.prepare<[string], { key: string }>('SELECT key FROM investigations WHERE id = ?').get(input.investigationId)?.key;
      if (!key) throw new VigilError('NOT_FOUND', 'No such investigation');
      const fileName = packageFileName(key, s.clock.now());
      const staged = staging.reserve(live.userId, 'download', fileName);
      try {
        const made = await packages.exportTo(staged.path, { investigationId: input.investigationId }, input.passphrase, exporter);
        note({ target: made.summary.investigationKey, details: { file: fileName, packageId: made.summary.packageId, sizeBytes: made.sizeBytes, evidence: made.summary.evidence.length } });
        return { fileName, sizeBytes: made.sizeBytes, path: null, downloadId: staged.id, summary: made.summary };
      } catch (error) {
        staging.drop(staged.id);
        throw error;
      }
    },
    'casePackage.download': (input, { session }) => staging.chunk(requireSession(session).userId, input.downloadId, input.offset),
    'casePackage.inspect': async (input, { session, caller, note }) => {
      const live = requireSession(session);
      if ('path' in input) {
        assertCli(caller);
        const path = resolve(input.path);
        const seen = await packages.inspect(path, input.passphrase);
        note({ target: seen.summary.investigationKey, details: { file: path, packageId: seen.summary.packageId } });
        return { stagedId: null, fileName: path.split(/[\\/]/).pop() ?? path, ...seen };
      }
      const staged = 'stagedId' in input ? staging.get(live.userId, input.stagedId, 'import') : await stageUpload(live.userId, input.uploadId);
      try {
        const seen = await oneAtATime(staged.id, () => packages.inspect(staged.path, input.passphrase));
        note({ target: seen.summary.investigationKey, details: { file: staged.fileName, packageId: seen.summary.packageId } });
        return { stagedId: staged.id, fileName: staged.fileName, ...seen };
      } catch (error) {
        note({ details: { file: staged.fileName } });
        // A wrong passphrase may be typed again without sending the file again; a busy file stays for the call that holds it.
        if (error instanceof VigilError && error.details?.reason === 'busy') throw error;
        if (error instanceof VigilError && error.code === 'INVALID_CREDENTIALS') {
          throw new VigilError(error.code, error.message, { ...error.details, stagedId: staged.id });
        }
        staging.drop(staged.id);
        throw error;
      }
    },
    'casePackage.import': async (input, { session, caller, note }) => {
      const live = requireSession(session);
      const { importer } = who(live);
      if ('path' in input) {
        assertCli(caller);
        const path = resolve(input.path);
        const outcome = await packages.importFrom(path, path.split(/[\\/]/).pop() ?? path, input.passphrase, importer);
        note({ target: outcome.investigationKey, details: importNote(outcome) });
        return outcome;
      }
      const staged = staging.get(live.userId, input.stagedId, 'import');
      const outcome = await oneAtATime(staged.id, () => packages.importFrom(staged.path, staged.fileName, input.passphrase, importer));
      staging.drop(staged.id);
      note({ target: outcome.investigationKey, details: importNote(outcome) });
      return outcome;
    },
    'casePackage.discard': (input, { session }) => {
      const live = requireSession(session);
      staging.drop(staging.get(live.userId, input.stagedId, 'import').id);
      return null;
    },
  };
}
