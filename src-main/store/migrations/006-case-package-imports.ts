// Schema v6: case packages. A custody event may now say where it came from
// ("imported from case package … exported by …"), and each package imported into this vault leaves
// one provenance row, which is also what makes a second import of the same package a no-op.
import type { Migration } from './migration';

export const casePackageImports: Migration = {
  version: 6,
  name: 'case-package-imports',
  sql: `
-- Free text, written once with the event: the custody trail stays append-only (its triggers stand).
ALTER TABLE evidence_custody ADD COLUMN detail TEXT;

CREATE TABLE case_package_imports (
  id TEXT PRIMARY KEY,
  -- Random id sealed inside the package: the same package imported twice names the same row.
  package_id TEXT NOT NULL UNIQUE,
  investigation_id TEXT NOT NULL REFERENCES investigations(id),
  file_name TEXT NOT NULL,
  exported_at INTEGER NOT NULL,
  exported_by TEXT NOT NULL,
  exporting_vault_id TEXT NOT NULL,
  exporting_vault_name TEXT NOT NULL,
  imported_at INTEGER NOT NULL,
  imported_by TEXT REFERENCES users(id),
  rows_written INTEGER NOT NULL CHECK (rows_written >= 0),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_hlc TEXT NOT NULL,
  deleted_at INTEGER,
  origin_device TEXT NOT NULL
) STRICT;
CREATE INDEX case_package_imports_investigation ON case_package_imports(investigation_id, imported_at);
CREATE TRIGGER case_package_imports_no_update BEFORE UPDATE ON case_package_imports
  BEGIN SELECT RAISE(ABORT, 'provenance is append-only'); END;
`,
};
