// The Compliance screen: every control evaluated from the vault's real state, its status as a word
// with an icon (never colour alone), the evidence it read, when, the remedy and the frameworks; the
// report file; and, for administrators, the retention policy with its dry run (RetentionSection).
import { useEffect } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime } from '../../format/time';
import { useAction } from '../../kit/use-action';
import { usePermission } from '../../kit/use-permission';
import type { ControlResult, ControlStatus } from '../../../src-shared/compliance-contract';
import { evidenceLabel, evidenceText, STATUS_LABELS } from '../../../src-shared/compliance-format';
import { CompliancePolicySection } from './CompliancePolicySection';
import { RetentionSection } from './RetentionSection';
import { useComplianceStore } from './store';
import './compliance.css';

const STATUS_LOOK: Readonly<Record<ControlStatus, { tone: BadgeTone; icon: string }>> = {
  pass: { tone: 'success', icon: '✓' },
  fail: { tone: 'danger', icon: '✗' },
  error: { tone: 'warning', icon: '!' },
  not_applicable: { tone: 'neutral', icon: '–' },
  not_evaluated: { tone: 'neutral', icon: '?' },
};

export function CompliancePage() {
  const { evaluation: slot, evaluate, exportReport, markRevealsReviewed } = useComplianceStore();
  const isAdmin = usePermission('admin_access');
  const exporting = useAction(exportReport);
  const reviewing = useAction(markRevealsReviewed);
  useEffect(() => {
    void evaluate();
  }, [evaluate]);
  const evaluation = slot.data;
  const counts = evaluation?.counts;

  return (
    <div className="page compliance">
      <PageHeader
        title="Compliance"
        description="Each control read from the vault as it is now: what it checked, when, and what to do when it fails. docs/COMPLIANCE.md maps them to SOC 2, ISO 27001 and GDPR."
        actions={
          <>
            <Button onClick={() => void evaluate()} busy={slot.status === 'loading'} data-testid="compliance-reevaluate">Re-evaluate</Button>
            <Button variant="primary" onClick={() => void exporting.run('pdf')} busy={exporting.pending} data-testid="compliance-export">Export report</Button>
          </>
        }
      />
      <ErrorBanner message={slot.error ?? exporting.error?.message ?? reviewing.error?.message} />
      {slot.status === 'loading' && !evaluation && <p role="status">Evaluating…</p>}
      {evaluation && counts && (
        <>
          <p className="compliance__summary" role="status" data-testid="compliance-summary">
            {counts.pass} pass · {counts.fail} fail · {counts.error} error · {counts.not_applicable} not applicable · {counts.not_evaluated} not evaluated
            {' — '}evaluated {formatDateTime(evaluation.evaluatedAt)}
            {evaluation.auditHead && <span className="mono"> · audit head #{evaluation.auditHead.seq} {evaluation.auditHead.hash.slice(0, 12)}…</span>}
          </p>
          <div className="table-scroll" role="region" aria-label="Compliance controls" tabIndex={0}>
            <table className="table compliance__controls" data-testid="compliance-controls">
              <colgroup>
                <col style={{ width: '24%' }} />
                <col style={{ width: '112px' }} />
                <col style={{ width: '30%' }} />
                <col />
                <col style={{ width: '170px' }} />
              </colgroup>
              <thead>
                <tr>
                  <th scope="col">Control</th>
                  <th scope="col">Status</th>
                  <th scope="col">Evidence</th>
                  <th scope="col">Remedy</th>
                  <th scope="col">Frameworks</th>
                </tr>
              </thead>
              <tbody>
                {evaluation.controls.map((control) => (
                  <ControlRow key={control.id} control={control} onReviewReveals={control.id === 'pii_reveals_reviewed' ? () => void reviewing.run() : null} reviewing={reviewing.pending} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {isAdmin && <CompliancePolicySection />}
      {isAdmin ? <RetentionSection /> : <Alert tone="info">The retention policy is set by an administrator.</Alert>}
    </div>
  );
}

function ControlRow({ control, onReviewReveals, reviewing }: { control: ControlResult; onReviewReveals: (() => void) | null; reviewing: boolean }) {
  const look = STATUS_LOOK[control.status];
  return (
    <tr data-testid="compliance-control" data-control={control.id} data-status={control.status}>
      <th scope="row">
        <div>{control.title}</div>
        <div className="compliance__reason">{control.reason}</div>
        <div className="compliance__when">evaluated {formatDateTime(control.evaluatedAt)}</div>
      </th>
      <td>
        <Badge tone={look.tone}>
          <span aria-hidden="true">{look.icon} </span>
          {STATUS_LABELS[control.status]}
        </Badge>
      </td>
      <td>
        <dl className="compliance__evidence">
          {Object.entries(control.evidence).map(([key, value]) => (
            <div key={key}>
              <dt>{evidenceLabel(key)}</dt>
              <dd>{evidenceText(value)}</dd>
            </div>
          ))}
        </dl>
      </td>
      <td>
        {control.remedy}
        {onReviewReveals && (
          <div>
            <Button size="sm" onClick={onReviewReveals} busy={reviewing} data-testid="compliance-mark-reviewed">Mark reveals reviewed</Button>
          </div>
        )}
      </td>
      <td>{control.frameworks.join(', ')}</td>
    </tr>
  );
}
