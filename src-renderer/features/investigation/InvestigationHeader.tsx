// The workspace header: key, title, status (with resolution), severity, assignee, SLA and tags,
// and the status control for those who may change the case.
import { useState } from 'react';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { SelectField } from '../../components/SelectField';
import { useAction } from '../../kit/use-action';
import { useNow } from '../../kit/use-now';
import type { InvestigationDetail } from '../../../src-shared/workspace-model';
import { assignableUsers, useDirectoryStore } from '../investigations/directory-store';
import { SEVERITY_LABELS, severityTone } from '../../components/severity';
import { slaState, slaText } from './sla';
import { useSlaPolicy } from '../service-levels/use-sla-policy';
import { RESOLUTION_LABELS, STATUS_LABELS, statusTone } from './status-transitions';
import { StatusControl } from './StatusControl';
import { EditDetailsDialog } from './EditDetailsDialog';
import { ExportCasePackageDialog } from '../case-package/ExportCasePackageDialog';
import { useCasePackageStore } from '../case-package/store';
import { useInvestigationStore } from './store';
import { usePermission } from '../../kit/use-permission';
import { ExportButton } from '../exports/ExportButton';
import { LegalHoldControl } from '../compliance/LegalHoldControl';

export function InvestigationHeader({ detail }: { detail: InvestigationDetail }) {
  const mayModify = usePermission('modify_investigations');
  const now = useNow();
  const { atRiskWindowMs } = useSlaPolicy();
  const sla = slaState(detail.slaDueAt, detail.closedAt, now, atRiskWindowMs);
  const [editing, setEditing] = useState(false);
  // A case package carries real values: exporting one needs export_data and access_pii (main checks both).
  const mayExportData = usePermission('export_data');
  const mayAccessPii = usePermission('access_pii');
  const mayExportPackage = mayExportData && mayAccessPii;
  const exportFor = useCasePackageStore((state) => state.exportFor);
  const openExport = useCasePackageStore((state) => state.openExport);
  const closePackageDialog = useCasePackageStore((state) => state.close);

  return (
    <header className="inv-header">
      <div className="inv-header__title">
        <span className="inv-header__key mono" data-testid="investigation-key">
          {detail.key}
        </span>
        <h1 title={detail.title} data-testid="investigation-title">
          {detail.title}
        </h1>
      </div>
      <dl className="inv-facts">
        <div>
          <dt>Status</dt>
          <dd data-testid="investigation-status">
            <Badge tone={statusTone(detail.status)}>{STATUS_LABELS[detail.status]}</Badge>
            {detail.resolution && <span className="inv-facts__extra">{RESOLUTION_LABELS[detail.resolution]}</span>}
          </dd>
        </div>
        <div>
          <dt>Severity</dt>
          <dd>
            <Badge tone={severityTone(detail.severity)}>{SEVERITY_LABELS[detail.severity]}</Badge>
          </dd>
        </div>
        <div>
          <dt>Assignee</dt>
          <dd>{mayModify ? <AssigneePicker detail={detail} /> : (detail.assignee?.displayName ?? <span className="muted">Unassigned</span>)}</dd>
        </div>
        <div>
          <dt>SLA</dt>
          <dd className={sla === 'overdue' ? 'is-overdue' : sla === 'due_soon' ? 'is-due-soon' : undefined}>{slaText(detail.slaDueAt, detail.closedAt, now, atRiskWindowMs)}</dd>
        </div>
        {detail.tags.length > 0 && (
          <div>
            <dt>Tags</dt>
            <dd className="inv-tags">
              {detail.tags.map((tag) => (
                <span key={tag} className="inv-tag">
                  {tag}
                </span>
              ))}
            </dd>
          </div>
        )}
        <LegalHoldControl investigationId={detail.id} />
      </dl>
      {(mayModify || mayExportData) && (
        <div className="inv-header__controls">
          {mayModify ? <StatusControl status={detail.status} /> : <span />}
          <span className="case-pkg__header-actions">
            {mayModify && (
              <Button size="sm" variant="ghost" onClick={() => setEditing(true)} data-testid="investigation-edit">
                Edit details
              </Button>
            )}
            {mayExportPackage && (
              <Button size="sm" variant="ghost" onClick={() => openExport(detail.id)} data-testid="case-export-open">
                Export case package…
              </Button>
            )}
            <ExportButton page="investigation" size="sm" testId="investigation-export-open" />
          </span>
        </div>
      )}
      {editing && <EditDetailsDialog detail={detail} onClose={() => setEditing(false)} />}
      {mayExportPackage && exportFor === detail.id && <ExportCasePackageDialog investigation={detail} onClose={closePackageDialog} />}
    </header>
  );
}

function AssigneePicker({ detail }: { detail: InvestigationDetail }) {
  const users = useDirectoryStore((state) => state.directory.data.users);
  const update = useInvestigationStore((state) => state.update);
  const action = useAction(update);
  const options = assignableUsers(users);
  const current = detail.assignee;
  const listed = current === null || options.some((user) => user.id === current.id);

  return (
    <>
      <SelectField
        label={<span className="visually-hidden">Assignee</span>}
        inline
        value={current?.id ?? ''}
        onChange={(event) => void action.run({ assigneeId: event.target.value === '' ? null : event.target.value })}
        disabled={action.pending}
        data-testid="investigation-assignee"
      >
        <option value="">Unassigned</option>
        {!listed && current && <option value={current.id}>{current.displayName}</option>}
        {options.map((user) => (
          <option key={user.id} value={user.id}>
            {user.displayName}
          </option>
        ))}
      </SelectField>
      {action.error && (
        <span role="alert" className="status-control__error">
          {action.error.message}
        </span>
      )}
    </>
  );
}
