// What a control is: an id, what it is called, the remedy and frameworks (fixed), and an evaluation
// that reads the vault's real state through the context and returns a verdict with its evidence.
import type { BackupListing } from '../../src-shared/backup-model';
import type { CompliancePolicy, ControlId, ControlStatus, EvidenceValue } from '../../src-shared/compliance-contract';
import type { AuditVerification } from '../../src-shared/model';
import type { Repositories } from '../repositories';
import type { KdfParams } from '../vault/kdf';
import type { KeySlotFile } from '../vault/key-slot-file';

export interface ComplianceContext {
  now: number;
  policy: CompliancePolicy;
  repos: Repositories;
  /** The key slot file as it is on disk now. */
  keySlots: () => KeySlotFile;
  /** The KDF floor this build enforces for new slots. */
  kdfFloor: KdfParams;
  backups: {
    enabled: () => boolean;
    folder: () => string;
    lastSuccessAt: () => number | null;
    list: () => BackupListing[];
  };
  /** A full verification of the audit hash chain. */
  verifyAudit: () => Promise<AuditVerification>;
}

export interface Verdict {
  status: Exclude<ControlStatus, 'error'>;
  reason: string;
  evidence: Record<string, EvidenceValue>;
}

export interface Control {
  id: ControlId;
  title: string;
  remedy: string;
  frameworks: readonly string[];
  evaluate(context: ComplianceContext): Verdict | Promise<Verdict>;
}

export const DAY = 86_400_000;

/** A time as evidence: ISO 8601 in UTC, or null. */
export function when(at: number | null | undefined): string | null {
  return at === null || at === undefined ? null : new Date(at).toISOString();
}
