// The compliance report: every control with its status, reason, evidence, when it was evaluated, the
// remedy and frameworks, and a manifest naming the vault, who generated it and the audit log's head
// (the state the evaluation read). Laid out by the report pipeline (reports/report-document.ts), as
// the investigation and analytics reports are.
import type { ComplianceEvaluation } from '../../src-shared/compliance-contract';
import { evidenceLine, STATUS_LABELS } from '../../src-shared/compliance-format';
import { manifestBlocks, reportTime, type ReportBlock, type ReportDocument } from '../reports/report-document';
import type { ReportManifest } from '../reports/investigation-report';

export function complianceDocument(evaluation: ComplianceEvaluation, vaultName: string, manifest: ReportManifest): ReportDocument {
  const { counts } = evaluation;
  const by = `${manifest.generatedBy.displayName} (${manifest.generatedBy.username})`;
  const blocks: ReportBlock[] = [
    { kind: 'section', title: 'Summary' },
    {
      kind: 'cards',
      cards: [
        { label: 'Pass', value: String(counts.pass), note: 'controls met' },
        { label: 'Fail', value: String(counts.fail), note: 'controls not met' },
        { label: 'Error', value: String(counts.error), note: 'checks that could not run' },
        { label: 'N/A or not evaluated', value: String(counts.not_applicable + counts.not_evaluated), note: 'with the reason below' },
      ],
    },
    {
      kind: 'table',
      table: {
        columns: [{ label: 'Control', weight: 3 }, { label: 'Status', weight: 1.4 }, { label: 'Why', weight: 4 }],
        rows: evaluation.controls.map((control) => [control.title, STATUS_LABELS[control.status], control.reason]),
        empty: 'No controls.',
      },
    },
    { kind: 'section', title: 'Controls in detail' },
    {
      kind: 'entries', empty: 'No controls.',
      items: evaluation.controls.map((control) => ({
        heading: `${control.title} — ${STATUS_LABELS[control.status]}`,
        body: [
          control.reason,
          `Evaluated at ${reportTime(control.evaluatedAt)}.`,
          `Evidence: ${evidenceLine(control.evidence)}.`,
          `Remedy: ${control.remedy}`,
          `Frameworks: ${control.frameworks.join(', ')}.`,
        ].join('\n'),
      })),
    },
    { kind: 'text', muted: true, text: 'What each control reads and when it passes: docs/COMPLIANCE.md in the Vigil repository.' },
    ...manifestBlocks([['Vault', vaultName], ['Evaluated at', reportTime(evaluation.evaluatedAt)]], manifest, 'compliance.exportReport'),
  ];
  return {
    title: 'Compliance report',
    subtitle: `${vaultName} · ${counts.pass} pass, ${counts.fail} fail · generated ${reportTime(manifest.generatedAt)} by ${by}`,
    footer: `Vigil compliance report · ${vaultName}`,
    author: by,
    creator: `Vigil ${manifest.appVersion}`,
    generatedAt: manifest.generatedAt,
    blocks,
  };
}
