// Writes an authenticated, verified case package into the live vault, in ONE transaction: the
// exporting vault's accounts the rows name (added disabled, so authorship survives), the
// investigation through the single-investigation copier (idempotent, entities merged, fresh HLCs),
// a custody event on each evidence item that arrived ("imported from case package … exported by …"),
// and one provenance row. A package imported before writes nothing and says so.
import { createHash } from 'node:crypto';
import type { SqliteDatabase } from '../store/database';
import { uuidv7 } from '../store/ids';
import type { RowContext } from '../store/row-context';
import { InvestigationRestorer, type InvestigationCopyOutcome } from '../investigations/investigation-restore';
import { InvestigationKeyAllocator } from '../investigations/key-allocator';
import type { CaseManifest } from './package-manifest';
import type { PackageAccount, PayloadContents } from './package-payload';
import { appendCustodyWithDetail } from './custody-detail';

export interface Importer {
  id: string | null;
  username: string;
}

export interface PackageWriteOutcome {
  copy: InvestigationCopyOutcome;
  investigationKey: string;
  alreadyImported: boolean;
  accountsAdded: number;
}

/** Text of the custody event and provenance: who sealed the package, where and when. */
export function provenanceText(manifest: CaseManifest, fileName: string): string {
  return `imported from case package ${fileName} exported by ${manifest.exportedBy.username}@${manifest.vault.name} `
    + `at ${new Date(manifest.exportedAt).toISOString()}`;
}

export class CasePackageWriter {
  constructor(private readonly db: SqliteDatabase, private readonly row: RowContext) {}

  write(contents: PayloadContents, manifest: CaseManifest, fileName: string, importer: Importer): PackageWriteOutcome {
    return this.db.transaction(() => {
      const previous = this.db.prepare<[string], { id: string }>('SELECT id FROM case_package_imports WHERE package_id = ?').get(manifest.packageId);
      const evidenceBefore = new Set(
        contents.rows.byTable.evidence.map((e) => String(e.id)).filter((id) => this.db.prepare('SELECT 1 FROM evidence WHERE id = ?').get(id)),
      );
      const accountsAdded = this.addAccounts(contents.accounts, manifest);
      const allocator = new InvestigationKeyAllocator(this.db);
      const copy = new InvestigationRestorer(this.db, this.row).restore(contents.rows, { newKeyIfTaken: () => allocator.next(this.row.now()) });
      const detail = provenanceText(manifest, fileName);
      for (const evidence of contents.rows.byTable.evidence) {
        if (evidenceBefore.has(String(evidence.id))) continue;
        appendCustodyWithDetail(this.db, this.row, { evidenceId: String(evidence.id), userId: importer.id, event: 'imported', detail });
      }
      const written = Object.values(copy.restored).reduce((sum, n) => sum + n, 0) + accountsAdded;
      if (!previous) this.recordProvenance(manifest, fileName, copy.investigationId, importer, written);
      const key = this.db.prepare<[string], { key: string }>('SELECT key FROM investigations WHERE id = ?').get(copy.investigationId)?.key ?? manifest.investigationKey;
      return { copy, investigationKey: key, alreadyImported: previous !== undefined, accountsAdded };
    })();
  }

  /**
   * Accounts of another vault cannot sign in here (they have no key slot); they are added disabled,
   * as viewers, with their own ids (so a case sent back to its vault finds them) under a username
   * marked with the vault they came from, never taking a name this vault might give its own people.
   */
  private addAccounts(accounts: PackageAccount[], manifest: CaseManifest): number {
    const exists = this.db.prepare<[string], { x: number }>('SELECT 1 AS x FROM users WHERE id = ?');
    const nameTaken = this.db.prepare<[string], { x: number }>('SELECT 1 AS x FROM users WHERE username = ?');
    const insert = this.db.prepare(
      `INSERT INTO users (id, username, display_name, role, must_change_password, disabled_at, created_at, updated_at, updated_hlc, origin_device)
       VALUES (@id, @username, @displayName, 'viewer', 1, @now, @now, @now, @hlc, @device)`,
    );
    const tag = createHash('sha256').update(manifest.vault.id).digest('hex').slice(0, 6);
    let added = 0;
    for (const account of accounts) {
      if (exists.get(account.id)) continue;
      const base = `${account.username.replace(/[^a-z0-9._-]/g, '').slice(0, 22) || 'user'}.${tag}`;
      let username = base;
      for (let n = 2; nameTaken.get(username); n += 1) username = `${base}-${n}`;
      const displayName = `${account.display_name} (${manifest.vault.name})`.slice(0, 80);
      const hlc = this.row.hlc();
      insert.run({ id: account.id, username, displayName, now: this.row.now(), hlc, device: this.row.device });
      this.row.changes.record('users', account.id, ['username', 'display_name', 'role', 'must_change_password', 'disabled_at'], hlc);
      added += 1;
    }
    return added;
  }

  private recordProvenance(manifest: CaseManifest, fileName: string, investigationId: string, importer: Importer, written: number): void {
    const now = this.row.now();
    const id = uuidv7(now);
    const hlc = this.row.hlc();
    this.db.prepare(
      `INSERT INTO case_package_imports (id, package_id, investigation_id, file_name, exported_at, exported_by, exporting_vault_id,
         exporting_vault_name, imported_at, imported_by, rows_written, created_at, updated_at, updated_hlc, origin_device)
       VALUES (@id, @packageId, @investigationId, @fileName, @exportedAt, @exportedBy, @vaultId, @vaultName, @now, @importedBy, @written, @now, @now, @hlc, @device)`,
    ).run({
      id, packageId: manifest.packageId, investigationId, fileName, exportedAt: manifest.exportedAt, exportedBy: manifest.exportedBy.username,
      vaultId: manifest.vault.id, vaultName: manifest.vault.name, now, importedBy: importer.id, written, hlc, device: this.row.device,
    });
    this.row.changes.record('case_package_imports', id, [
      'package_id', 'investigation_id', 'file_name', 'exported_at', 'exported_by', 'exporting_vault_id', 'exporting_vault_name',
      'imported_at', 'imported_by', 'rows_written',
    ], hlc);
  }
}

/** The earlier import of this package, if there was one. */
export function previousImport(db: SqliteDatabase, packageId: string): { importedAt: number; investigationKey: string } | null {
  const row = db.prepare<[string], { imported_at: number; key: string }>(
    `SELECT p.imported_at, i.key FROM case_package_imports p JOIN investigations i ON i.id = p.investigation_id WHERE p.package_id = ?`,
  ).get(packageId);
  return row ? { importedAt: row.imported_at, investigationKey: row.key } : null;
}
