// The manifest sealed inside a case package: what it holds and where it came from. Parsed with zod
// after the file's MAC has been checked; a manifest that does not parse is a damaged package.
import { z } from 'zod';
import type { CasePackageSummary } from '../../src-shared/case-package-contract';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const caseManifestSchema = z.object({
  format: z.literal(1),
  packageId: z.string().uuid(),
  investigationId: z.string().min(1).max(64),
  investigationKey: z.string().min(1).max(64),
  investigationTitle: z.string().max(1000),
  exportedAt: z.number().int().nonnegative(),
  exportedBy: z.object({ userId: z.string().min(1).max(64), username: z.string().min(1).max(64), displayName: z.string().max(200) }).strict(),
  vault: z.object({ id: z.string().min(1).max(64), name: z.string().max(200) }).strict(),
  appVersion: z.string().max(64),
  schemaVersion: z.number().int().min(1),
  rowCounts: z.record(z.string().max(64), z.number().int().nonnegative()),
  evidence: z.array(z.object({
    id: z.string().min(1).max(64), fileName: z.string().max(1000), size: z.number().int().nonnegative(), sha256: sha256Hex,
  }).strict()).max(100_000),
  payloadLength: z.number().int().positive(),
  payloadSha256: sha256Hex,
}).strict();

export type CaseManifest = z.infer<typeof caseManifestSchema>;

/** What callers are shown: no internal ids beyond the package's own. */
export function summaryOf(manifest: CaseManifest): CasePackageSummary {
  return {
    packageId: manifest.packageId,
    investigationKey: manifest.investigationKey,
    investigationTitle: manifest.investigationTitle,
    exportedAt: manifest.exportedAt,
    exportedBy: manifest.exportedBy.username,
    vaultId: manifest.vault.id,
    vaultName: manifest.vault.name,
    appVersion: manifest.appVersion,
    schemaVersion: manifest.schemaVersion,
    rowCounts: manifest.rowCounts,
    evidence: manifest.evidence.map(({ fileName, size, sha256 }) => ({ fileName, size, sha256 })),
  };
}
