// The queue's columns, shared by the triage page and an entity's alert list.
import type { VirtualColumn } from '../../components/VirtualTable';
import { formatDateTime } from '../../format/time';
import type { AlertRow } from '../../../src-shared/model';
import { SeverityBadge, StatusBadge } from './severity';

export const ALERT_COLUMNS: readonly VirtualColumn<AlertRow>[] = [
  { id: 'severity', header: 'Severity', width: '92px', cell: (a) => <SeverityBadge severity={a.severity} /> },
  { id: 'status', header: 'Status', width: '116px', cell: (a) => <StatusBadge status={a.status} /> },
  { id: 'time', header: 'Occurred', width: '140px', mono: true, cell: (a) => formatDateTime(a.occurredAt), fullText: (a) => new Date(a.occurredAt).toISOString() },
  { id: 'title', header: 'Title', width: 'minmax(280px, 1fr)', cell: (a) => a.title, fullText: (a) => a.title },
  {
    id: 'entity',
    header: 'Entity',
    width: '200px',
    mono: true,
    cell: (a) => (a.primaryEntity ? a.primaryEntity.value : '—'),
    fullText: (a) => (a.primaryEntity ? `${a.primaryEntity.kind}: ${a.primaryEntity.value}` : undefined),
  },
  { id: 'source', header: 'Source', width: '120px', mono: true, cell: (a) => a.source, fullText: (a) => a.source },
  { id: 'rule', header: 'Rule', width: '140px', mono: true, cell: (a) => a.rule ?? '—', fullText: (a) => a.rule ?? undefined },
  { id: 'count', header: 'Seen', width: '64px', align: 'end', cell: (a) => `${a.occurrences.toLocaleString()}×` },
];
