// Channels of the compliance checks: evaluate every control, read and set the numbers they judge by,
// mark PII reveals reviewed, and export the report. An evaluation that verified the audit chain in
// full says so in its audit row, which the next evaluations reuse for a day (controls/audit-controls.ts).
import type { ComplianceEvaluation } from '../../../src-shared/compliance-contract';
import type { Handlers } from '../router';
import { complianceDocument } from '../../compliance/compliance-report';
import { readCompliancePolicy, saveCompliancePolicy } from '../../compliance/compliance-policy';
import { requireSession, type Services } from './services';

type Channels = 'compliance.evaluate' | 'compliance.getPolicy' | 'compliance.updatePolicy' | 'compliance.markRevealsReviewed' | 'compliance.exportReport';

/** What an evaluation's audit row keeps: the counts, and the chain's verification when one ran. */
function auditDetails(evaluation: ComplianceEvaluation): Record<string, unknown> {
  const chain = evaluation.controls.find((control) => control.id === 'audit_chain_intact');
  const verifiedNow = chain?.evidence.verifiedNow === true;
  return {
    counts: evaluation.counts,
    failed: evaluation.controls.filter((control) => control.status === 'fail' || control.status === 'error').map((control) => control.id),
    ...(verifiedNow ? { auditChain: { ok: chain.evidence.problem === null, checked: chain.evidence.entriesChecked } } : {}),
  };
}

export function complianceHandlers(s: Services): Pick<Handlers, Channels> {
  const repos = () => s.custody.vault.repositories;
  return {
    'compliance.evaluate': async (_input, { note }) => {
      const evaluation = await s.compliance.evaluate();
      note({ details: auditDetails(evaluation) });
      return evaluation;
    },
    'compliance.getPolicy': () => readCompliancePolicy(repos().settings),
    'compliance.updatePolicy': (input, { note }) => {
      const { db, settings } = repos();
      note({ details: { before: readCompliancePolicy(settings), after: input } });
      db.transaction(() => saveCompliancePolicy(settings, input))();
      return readCompliancePolicy(settings);
    },
    'compliance.markRevealsReviewed': (_input, { session }) => {
      const { userId } = requireSession(session);
      return s.compliance.markRevealsReviewed({ id: userId, name: repos().users.get(userId)?.username ?? null });
    },
    'compliance.exportReport': async (input, { session, note }) => {
      const view = s.sessions.view(requireSession(session));
      const evaluation = await s.compliance.evaluate();
      const vaultName = s.keySlots.identity().vaultName;
      const generatedAt = s.clock.now();
      const document = complianceDocument(evaluation, vaultName, {
        generatedBy: { username: view.username, displayName: view.displayName }, generatedAt, appVersion: s.appVersion,
        auditHead: evaluation.auditHead, masked: false,
      });
      const file = await s.reports.documentFile(document, 'compliance', input.format);
      note({ details: { ...auditDetails(evaluation), format: input.format, auditHead: evaluation.auditHead, sizeBytes: file.sizeBytes, sha256: file.sha256 } });
      return { ...file, auditHead: evaluation.auditHead };
    },
  };
}
