// Channels and types of case packages: one investigation sealed under a passphrase
// into a `.vigilcase` file, carried to another vault and imported there. Gathered into the one
// contract by contract.ts.
//
// Who may: exporting needs export_data (checked by the router) plus read_investigations and
// access_pii (checked by the handler: a package carries real values, never masked ones, so a caller
// who only ever sees masked values may not take them out). Importing needs create_investigations,
// like every other import. Passphrases cross this boundary but are never logged or audited.
//
// A window never names a path (it could be any file on the machine): an export it asks for is kept
// by main and fetched in chunks (`casePackage.download`); a package it imports arrives through the
// encrypted upload store and is held by main between `inspect` and `import`. Paths are for the
// command line only, as for backups.
import { z } from 'zod';
import { channel, needs } from './channel';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './limits';

export const CASE_PACKAGE_EXTENSION = '.vigilcase';
/** Bytes per download chunk (base64 on the wire, about 1.4 MB). */
export const CASE_PACKAGE_CHUNK_BYTES = 1024 * 1024;

/** What the sealed manifest says about the package: shown before an import, and after an export. */
export interface CasePackageSummary {
  packageId: string;
  investigationKey: string;
  investigationTitle: string;
  exportedAt: number;
  exportedBy: string;
  vaultId: string;
  vaultName: string;
  appVersion: string;
  schemaVersion: number;
  /** Rows of the investigation per table. */
  rowCounts: Record<string, number>;
  evidence: { fileName: string; size: number; sha256: string }[];
}

export interface CasePackageExported {
  fileName: string;
  sizeBytes: number;
  /** Where the command line asked for it; null for a window (it downloads it). */
  path: string | null;
  /** Fetch the file with `casePackage.download`; null when written to a path. */
  downloadId: string | null;
  summary: CasePackageSummary;
}

export interface CasePackageChunk {
  dataBase64: string;
  /** Offset of the next chunk; equal to the size when this was the last one (the download is then gone). */
  nextOffset: number;
  sizeBytes: number;
}

export interface CasePackageInspection {
  /** Pass to `casePackage.import`; null for a path (the command line passes the path again). */
  stagedId: string | null;
  fileName: string;
  summary: CasePackageSummary;
  /** When this very package was imported into this vault before, and as which investigation. */
  previousImport: { importedAt: number; investigationKey: string } | null;
}

export interface CasePackageImportOutcome {
  investigationId: string;
  /** The key in this vault: the package's own, or a new one when this vault already used it. */
  investigationKey: string;
  packageKey: string;
  rekeyed: boolean;
  fileName: string;
  /** True when this package had been imported before: nothing was written. */
  alreadyImported: boolean;
  /** Rows written per table; all zero on a second import. */
  written: Record<string, number>;
  /** Rows this vault already had, left as they are. */
  alreadyPresent: Record<string, number>;
  /** Accounts of the exporting vault, added here disabled (no password, cannot sign in) so authorship stays. */
  accountsAdded: number;
  alertsHeldElsewhere: number;
  entitiesMerged: number;
  evidenceVerified: number;
  summary: CasePackageSummary;
}

const idSchema = z.string().uuid();
const pathSchema = z.string().min(1).max(4096);
const investigationKey = z.string().trim().min(1).max(64);
/** A new passphrase: the same length rules as a password (NIST 800-63B), no composition rules. */
const newPassphrase = z.string()
  .min(MIN_PASSWORD_LENGTH, `Passphrases need at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `Passphrases are at most ${MAX_PASSWORD_LENGTH} characters`);
const givenPassphrase = z.string().min(1, 'Enter the passphrase').max(1024);

export const casePackageChannels = {
  'casePackage.export': channel<CasePackageExported>()({
    input: z.union([
      z.object({ investigationId: idSchema, passphrase: newPassphrase }).strict(),
      z.object({ investigationKey, passphrase: newPassphrase, path: pathSchema }).strict(),
    ]),
    access: needs('export_data'),
    audited: true,
  }),
  'casePackage.download': channel<CasePackageChunk>()({
    input: z.object({ downloadId: idSchema, offset: z.number().int().min(0) }).strict(),
    access: needs('export_data'),
  }),
  // Audited: a wrong passphrase here is an attempt on a sealed case, worth a row.
  // A wrong passphrase keeps the uploaded file (its id is in the error's details as stagedId), so the
  // passphrase can be typed again without sending the file again.
  'casePackage.inspect': channel<CasePackageInspection>()({
    input: z.union([
      z.object({ uploadId: idSchema, passphrase: givenPassphrase }).strict(),
      z.object({ stagedId: idSchema, passphrase: givenPassphrase }).strict(),
      z.object({ path: pathSchema, passphrase: givenPassphrase }).strict(),
    ]),
    access: needs('create_investigations'),
    audited: true,
  }),
  'casePackage.import': channel<CasePackageImportOutcome>()({
    input: z.union([
      z.object({ stagedId: idSchema, passphrase: givenPassphrase }).strict(),
      z.object({ path: pathSchema, passphrase: givenPassphrase }).strict(),
    ]),
    access: needs('create_investigations'),
    audited: true,
  }),
  'casePackage.discard': channel<null>()({
    input: z.object({ stagedId: idSchema }).strict(),
    access: needs('create_investigations'),
  }),
} as const;
