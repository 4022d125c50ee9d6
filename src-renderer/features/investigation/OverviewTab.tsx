// Overview: the summary (markdown, editable), what the case holds, and the status log.
import { useState, type SubmitEvent } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { DataTable, type Column } from '../../components/DataTable';
import { Markdown } from '../../components/Markdown';
import { fieldText } from '../../components/native-form';
import { useAction } from '../../kit/use-action';
import { formatDateTime } from '../../format/time';
import type { InvestigationDetail, StatusChange } from '../../../src-shared/workspace-model';
import { RESOLUTION_LABELS, STATUS_LABELS } from './status-transitions';
import { useInvestigationStore } from './store';
import { TextAreaField } from './TextAreaField';
import { usePermission } from '../../kit/use-permission';

const COUNT_LABELS: readonly [keyof InvestigationDetail['counts'], string][] = [
  ['alerts', 'Alerts'], ['entities', 'Entities'], ['findings', 'Findings'], ['evidence', 'Evidence'],
  ['actions', 'Actions'], ['openTasks', 'Open tasks'], ['notes', 'Notes'],
];

const STATUS_LOG_COLUMNS: Column<StatusChange>[] = [
  { id: 'at', header: 'When', width: '150px', cell: (row) => formatDateTime(row.at) },
  { id: 'by', header: 'Who', width: '160px', cell: (row) => row.by?.displayName ?? 'System', fullText: (row) => row.by?.displayName ?? 'System' },
  { id: 'from', header: 'From', width: '110px', cell: (row) => (row.from ? STATUS_LABELS[row.from] : '—') },
  { id: 'to', header: 'To', width: '110px', cell: (row) => STATUS_LABELS[row.to] },
  { id: 'resolution', header: 'Resolution', width: '130px', cell: (row) => (row.resolution ? RESOLUTION_LABELS[row.resolution] : '—') },
  { id: 'reason', header: 'Reason', cell: (row) => row.reason ?? '', fullText: (row) => row.reason ?? undefined },
];

export function OverviewTab({ detail }: { detail: InvestigationDetail }) {
  const mayModify = usePermission('modify_investigations');
  const [editing, setEditing] = useState(false);
  const statusLog = [...detail.statusLog].sort((a, b) => b.at - a.at);

  return (
    <div className="inv-overview">
      <section className="panel" aria-labelledby="inv-summary-title">
        <div className="panel__heading">
          <h2 id="inv-summary-title">Summary</h2>
          {mayModify && !editing && (
            <Button size="sm" onClick={() => setEditing(true)} data-testid="summary-edit">
              Edit summary
            </Button>
          )}
        </div>
        {editing ? <SummaryForm summary={detail.summary} onDone={() => setEditing(false)} /> : <Markdown source={detail.summary} testId="investigation-summary" />}
        <dl className="inv-counts">
          {COUNT_LABELS.map(([key, label]) => (
            <div key={key}>
              <dt>{label}</dt>
              <dd>{detail.counts[key].toLocaleString()}</dd>
            </div>
          ))}
        </dl>
        <p className="muted inv-overview__meta">
          Opened {formatDateTime(detail.openedAt)}
          {detail.createdBy ? ` by ${detail.createdBy.displayName}` : ''}
          {detail.closedAt !== null ? ` · closed ${formatDateTime(detail.closedAt)}` : ''} · updated {formatDateTime(detail.updatedAt)}
        </p>
      </section>
      <section aria-labelledby="inv-status-log-title" className="inv-section">
        <h2 id="inv-status-log-title">Status log</h2>
        <DataTable label="Status log" columns={STATUS_LOG_COLUMNS} rows={statusLog} rowKey={(row) => `${row.at}-${row.to}-${row.from ?? ''}`} emptyMessage="No status changes yet." testId="status-log" />
      </section>
    </div>
  );
}

function SummaryForm({ summary, onDone }: { summary: string; onDone(): void }) {
  const update = useInvestigationStore((state) => state.update);
  const action = useAction(update);
  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (await action.run({ summary: fieldText(new FormData(event.currentTarget), 'summary') })) onDone();
  };
  return (
    <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
      <ErrorBanner message={action.error?.message} />
      <TextAreaField label="Summary" name="summary" defaultValue={summary} rows={8} maxLength={100_000} hint="Markdown." autoFocus data-testid="summary-input" />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={action.pending}>
          Save summary
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}
