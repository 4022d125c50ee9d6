// The audit log: newest first, filterable by action, paged with "Load older", and a check that the
// hash chain is intact.
import { useEffect, useMemo } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Button } from '../../components/Button';
import { DataTable, type Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTimeSeconds } from '../../format/time';
import type { AuditEntry, AuditOutcome } from '../../../src-shared/model';
import { useAuditStore } from './store';
import { AuditFilter } from './AuditFilter';
import { chainVerdict, hashPrefix } from './chain-verdict';
import './audit.css';

const OUTCOME_TONES: Readonly<Record<AuditOutcome, BadgeTone>> = { success: 'success', failure: 'danger', denied: 'warning' };

const COLUMNS: readonly Column<AuditEntry>[] = [
  { id: 'seq', header: 'Seq', width: '64px', align: 'end', mono: true, cell: (e) => e.seq },
  { id: 'time', header: 'Time', width: '176px', mono: true, cell: (e) => formatDateTimeSeconds(e.at), fullText: (e) => new Date(e.at).toISOString() },
  { id: 'actor', header: 'Actor', width: '96px', cell: (e) => e.actorName ?? '—', fullText: (e) => e.actorName ?? e.actorId ?? 'No actor' },
  { id: 'action', header: 'Action', width: '200px', mono: true, cell: (e) => e.action, fullText: (e) => e.action },
  { id: 'target', header: 'Target', width: '150px', mono: true, cell: (e) => e.target ?? '—', fullText: (e) => e.target ?? '' },
  { id: 'outcome', header: 'Outcome', width: '92px', cell: (e) => <Badge tone={OUTCOME_TONES[e.outcome]}>{e.outcome}</Badge> },
  { id: 'details', header: 'Details', mono: true, cell: (e) => compactJson(e.details), fullText: (e) => JSON.stringify(e.details, null, 2) },
  { id: 'hash', header: 'Hash', width: '104px', mono: true, cell: (e) => hashPrefix(e.hash), fullText: (e) => e.hash },
];

function compactJson(details: Record<string, unknown>): string {
  return Object.keys(details).length === 0 ? '—' : JSON.stringify(details);
}

export function AuditPage() {
  const { log, loadingOlder, action, verification: chainCheck, load, loadOlder, verify } = useAuditStore();
  const { entries, nextBeforeSeq } = log.data;
  const verification = chainCheck.data;

  useEffect(() => {
    void load(useAuditStore.getState().action);
  }, [load]);

  const knownActions = useMemo(() => [...new Set(entries.map((entry) => entry.action))].sort(), [entries]);
  const loading = log.status === 'loading' || log.status === 'idle';

  return (
    <div className="page--table">
      <PageHeader
        title="Audit log"
        description="Every sign-in, change and refusal, newest first. Each entry carries the hash of the one before it, so any edit breaks the chain."
        actions={
          <Button variant="primary" onClick={() => void verify()} busy={chainCheck.status === 'loading'}>
            Verify chain
          </Button>
        }
      />
      {verification &&
        (verification.ok ? (
          <Alert tone="success" role="status" testId="chain-verdict">
            {chainVerdict(verification)}
          </Alert>
        ) : (
          <Alert tone="error" role="alert" title="The audit log has been altered" testId="chain-verdict">
            {chainVerdict(verification)}
          </Alert>
        ))}
      <ErrorBanner message={chainCheck.error} />
      <AuditFilter key={action} applied={action} knownActions={knownActions} onApply={(next) => void load(next)} />
      <ErrorBanner message={log.error} />
      <DataTable
        label="Audit log entries"
        columns={COLUMNS}
        rows={entries}
        rowKey={(entry) => String(entry.seq)}
        loading={loading}
        emptyMessage={action ? `No entries match “${action}”.` : 'No entries yet.'}
        rowClassName={(entry) => (entry.outcome === 'success' ? undefined : `audit-row--${entry.outcome}`)}
        testId="audit-table"
      />
      <div className="table-footer">
        <span role="status">{loading ? '' : `Showing ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}${action ? ` for ${action}` : ''}`}</span>
        {nextBeforeSeq !== null ? (
          <Button size="sm" onClick={() => void loadOlder()} busy={loadingOlder}>
            Load older
          </Button>
        ) : (
          !loading && entries.length > 0 && <span>Start of the log</span>
        )}
      </div>
    </div>
  );
}
