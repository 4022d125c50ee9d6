// Case package channels: export (to a path from the command line, else staged for a window to fetch
// in chunks), download, inspect, import and discard. The router checks export_data or
// create_investigations and audits; the rules live in case-package/case-package-exchange.ts. This
// keeps paths to the command line and writes the audit notes (never a passphrase).
import { resolve } from 'node:path';
import { VigilError } from '../../../src-shared/errors';
import type { casePackageChannels, CasePackageImportOutcome } from '../../../src-shared/case-package-contract';
import type { Handlers, Caller } from '../router';
import { requireSession, type Services } from './services';
import type { LiveSession } from '../../auth/session-registry';
import type { ExportedPackage } from '../../case-package/case-package-exchange';

/** From a window a path could name any file on the machine: only the command line may pass one. */
function assertCli(caller: Caller): void {
  if (caller.client !== 'cli') throw new VigilError('FORBIDDEN', 'Case packages are chosen and saved through the window here; paths are for the command line');
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
  const exchange = s.casePackages;
  const who = (live: LiveSession) => {
    const view = s.sessions.view(live);
    return { view, person: { id: live.userId, username: view.username, displayName: view.displayName } };
  };

  return {
    'casePackage.export': async (input, { session, caller, note }) => {
      const { view, person } = who(requireSession(session));
      const noted = (file: string, made: ExportedPackage) =>
        note({ target: made.summary.investigationKey, details: { file, packageId: made.summary.packageId, sizeBytes: made.sizeBytes, evidence: made.summary.evidence.length } });
      if ('path' in input) {
        assertCli(caller);
        const target = resolve(input.path);
        const made = await exchange.exportToFile(target, input.investigationKey, input.passphrase, person, view.permissions);
        noted(target, made);
        return { ...made, path: target };
      }
      const made = await exchange.exportForDownload(input.investigationId, input.passphrase, person, view.permissions);
      noted(made.fileName, made);
      return { ...made, path: null };
    },
    'casePackage.download': (input, { session }) => exchange.download(requireSession(session).userId, input.downloadId, input.offset),
    'casePackage.inspect': async (input, { session, caller, note }) => {
      const live = requireSession(session);
      if ('path' in input) {
        assertCli(caller);
        const path = resolve(input.path);
        const seen = await exchange.inspectFile(path, input.passphrase);
        note({ target: seen.summary.investigationKey, details: { file: path, packageId: seen.summary.packageId } });
        return { stagedId: null, fileName: path.split(/[\\/]/).pop() ?? path, ...seen };
      }
      const source = 'stagedId' in input ? { stagedId: input.stagedId } : { uploadId: input.uploadId };
      const seen = await exchange.inspectStaged(live.userId, source, input.passphrase, (file) => note({ details: { file } }));
      note({ target: seen.summary.investigationKey, details: { file: seen.fileName, packageId: seen.summary.packageId } });
      return seen;
    },
    'casePackage.import': async (input, { session, caller, note }) => {
      const live = requireSession(session);
      const importer = { id: live.userId, username: s.sessions.view(live).username };
      if ('path' in input) assertCli(caller);
      const outcome = 'path' in input
        ? await exchange.importFile(resolve(input.path), input.passphrase, importer)
        : await exchange.importStaged(live.userId, input.stagedId, input.passphrase, importer);
      note({ target: outcome.investigationKey, details: importNote(outcome) });
      return outcome;
    },
    'casePackage.discard': (input, { session }) => {
      exchange.discard(requireSession(session).userId, input.stagedId);
      return null;
    },
  };
}
