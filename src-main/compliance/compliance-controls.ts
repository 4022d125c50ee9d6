// Every control, in the order the screen and the report list them, and the one place they are run: a
// control that throws is reported as `error` with its message, and the others still run.
import { CONTROL_STATUSES, type ComplianceEvaluation, type ControlResult, type ControlStatus } from '../../src-shared/compliance-contract';
import type { ComplianceContext, Control } from './control';
import { auditChainControl, revealsReviewedControl } from './controls/audit-controls';
import { adminTwoFactorControl, dormantAccountsControl, idleLockControl, oneTimePasswordControl } from './controls/account-controls';
import { backupsControl, restoreTestedControl } from './controls/backup-controls';
import { retentionControl } from './controls/retention-control';
import { kdfFloorControl, recoveryKeyControl } from './controls/vault-key-controls';

export const CONTROLS: readonly Control[] = [
  kdfFloorControl, recoveryKeyControl, backupsControl, restoreTestedControl, auditChainControl, adminTwoFactorControl,
  oneTimePasswordControl, idleLockControl, retentionControl, revealsReviewedControl, dormantAccountsControl,
];

export async function evaluateControl(control: Control, context: ComplianceContext): Promise<ControlResult> {
  const fixed = { id: control.id, title: control.title, remedy: control.remedy, frameworks: control.frameworks, evaluatedAt: context.now };
  try {
    return { ...fixed, ...(await control.evaluate(context)) };
  } catch (error) {
    return { ...fixed, status: 'error', reason: `The check could not run: ${error instanceof Error ? error.message : String(error)}`, evidence: {} };
  }
}

export async function evaluateControls(context: ComplianceContext, controls: readonly Control[] = CONTROLS): Promise<ComplianceEvaluation> {
  const results: ControlResult[] = [];
  // One after another: the audit chain's verification reads the vault in slices and should not compete.
  for (const control of controls) results.push(await evaluateControl(control, context));
  const counts = Object.fromEntries(CONTROL_STATUSES.map((status) => [status, 0])) as Record<ControlStatus, number>;
  for (const result of results) counts[result.status] += 1;
  const head = context.repos.audit.currentHead();
  return { evaluatedAt: context.now, controls: results, counts, auditHead: head ? { seq: head.seq, hash: head.hash } : null };
}
