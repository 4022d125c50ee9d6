// Builds the controls' context from the running app (the open vault, the key slot file, the backup
// state, the KDF floor) and evaluates them; marks PII reveals reviewed.
import type { ComplianceEvaluation, RevealsReviewed } from '../../src-shared/compliance-contract';
import type { AuditActor } from '../audit/audit-log';
import type { BackupService } from '../backup/backup-service';
import type { Clock } from '../platform/clock';
import type { Repositories } from '../repositories';
import type { KdfParams } from '../vault/kdf';
import type { KeySlotStore } from '../vault/key-slot-store';
import type { ComplianceContext } from './control';
import { evaluateControls } from './compliance-controls';
import { readCompliancePolicy } from './compliance-policy';
import { REVEALS_REVIEWED_ACTION, revealsReviewedUpTo } from './controls/audit-controls';

export interface ComplianceDependencies {
  repositories: () => Repositories;
  keySlots: KeySlotStore;
  kdfFloor: KdfParams;
  backups: Pick<BackupService, 'settings' | 'status' | 'list'>;
  clock: Clock;
}

export class ComplianceService {
  constructor(private readonly deps: ComplianceDependencies) {}

  context(): ComplianceContext {
    const repos = this.deps.repositories();
    const { backups } = this.deps;
    return {
      now: this.deps.clock.now(),
      policy: readCompliancePolicy(repos.settings),
      repos,
      keySlots: () => this.deps.keySlots.read(),
      kdfFloor: this.deps.kdfFloor,
      backups: {
        enabled: () => backups.settings().enabled,
        folder: () => backups.settings().folder,
        lastSuccessAt: () => backups.status(null).lastSuccessAt,
        list: () => backups.list(),
      },
      verifyAudit: () => repos.audit.verify(),
    };
  }

  evaluate(context: ComplianceContext = this.context()): Promise<ComplianceEvaluation> {
    return evaluateControls(context);
  }

  /** Every reveal so far reviewed: one audit row naming the last entry it covers. */
  markRevealsReviewed(actor: AuditActor): RevealsReviewed {
    const { db, audit } = this.deps.repositories();
    return db.transaction(() => {
      const from = revealsReviewedUpTo(db);
      const head = audit.currentHead()?.seq ?? 0;
      const reviewed = db.prepare<[number, number], number>(
        "SELECT count(*) FROM audit_log WHERE action = 'pii.reveal' AND outcome = 'success' AND seq > ? AND seq <= ?",
      ).pluck().get(from, head) ?? 0;
      audit.append({ actor, action: REVEALS_REVIEWED_ACTION, outcome: 'success', details: { upToSeq: head, fromSeq: from, reviewed } });
      return { upToSeq: head, reviewed };
    })();
  }
}
