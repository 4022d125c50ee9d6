// Investigations (#investigations): filters, a dense table (key, title, status, severity, assignee,
// SLA — overdue highlighted —, alerts, updated), keyset "Load more", and New investigation.
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { DataTable, type Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { useAction } from '../../kit/use-action';
import { useNavigationStore } from '../../kit/navigation';
import { useNow } from '../../kit/use-now';
import { formatAgo, formatDateTime } from '../../format/time';
import type { InvestigationSummary } from '../../../src-shared/workspace-model';
import { slaState, slaText } from '../investigation/sla';
import { useSlaPolicy } from '../service-levels/use-sla-policy';
import { RESOLUTION_LABELS, STATUS_LABELS, statusTone } from '../investigation/status-transitions';
import { usePermission } from '../../kit/use-permission';
import { useDirectoryStore } from './directory-store';
import { InvestigationFilters } from './InvestigationFilters';
import { NewInvestigationDialog } from './NewInvestigationDialog';
import { ImportCasePackageDialog } from '../case-package/ImportCasePackageDialog';
import { useCasePackageStore } from '../case-package/store';
import { SEVERITY_LABELS, severityTone } from '../../components/severity';
import { useInvestigationsStore } from './store';
import { ExportButton } from '../exports/ExportButton';
import { listFilterFromRouteParam, routeParamFromListFilter, type ListFilterDraft } from './list-filter';
import { ColumnChooser } from '../../components/ColumnChooser';
import { ColumnHeader } from '../../components/ColumnHeader';
import { columnsOf, useColumnsStore } from '../../kit/columns-store';
import { layoutColumns, resizeColumn, toggleColumn } from '../../kit/table-columns';
import { useElementWidth } from '../../kit/use-element-width';
import { useSessionStore } from '../../kit/session-store';
import { INVESTIGATION_COLUMN_SPECS, SORT_OF_INVESTIGATION_COLUMN, nextInvestigationSort } from './investigation-columns';
import './investigations.css';

/** The table's border (2 px) and a vertical scrollbar (up to 16 px) inside the measured box. */
const SCROLL_ROOM = 18;

export function InvestigationsPage() {
  const { filter, list, moreStatus, apply, reload, loadMore, startWork } = useInvestigationsStore();
  const { data: { rows, next, total }, status, error } = list;
  const ensureDirectory = useDirectoryStore((state) => state.ensureLoaded);
  const navigate = useNavigationStore((state) => state.navigate);
  const mayCreate = usePermission('create_investigations');
  const importingPackage = useCasePackageStore((state) => state.importOpen);
  const openImport = useCasePackageStore((state) => state.openImport);
  const closePackageDialog = useCasePackageStore((state) => state.close);
  const param = useNavigationStore((state) => state.param);
  // #investigations/<filter> (an analytics chart's day, the backlog) opens the list with that filter, shown in the bar.
  const [draft, setDraft] = useState(() => listFilterFromRouteParam(param) ?? filter);
  const [draftParam, setDraftParam] = useState(param);
  if (draftParam !== param) {
    setDraftParam(param);
    const linked = listFilterFromRouteParam(param);
    if (linked) setDraft(linked);
  }
  const [creating, setCreating] = useState(false);
  const newButton = useRef<HTMLButtonElement>(null);
  const more = useAction(loadMore);
  const now = useNow();
  const { atRiskWindowMs } = useSlaPolicy();

  // The param this page wrote itself (below): its filter is already applied.
  const written = useRef<string | null | undefined>(undefined);

  useEffect(() => {
    void ensureDirectory();
  }, [ensureDirectory]);

  useEffect(() => {
    if (written.current !== undefined && written.current === param) {
      written.current = undefined;
      return;
    }
    written.current = undefined;
    const linked = listFilterFromRouteParam(param);
    if (linked) {
      void apply(linked);
    } else {
      void reload();
    }
  }, [param, apply, reload]);

  const applyFilter = (next: ListFilterDraft) => {
    void apply(next);
    // The address always says the view (filters and sort): a reload or a shared link shows the same list.
    const nextParam = routeParamFromListFilter(next);
    if (nextParam !== param) {
      written.current = nextParam;
      navigate('investigations', nextParam);
    }
  };

  // Columns: the user's choices (kept per user in main), fitted to the table's width.
  const tableBox = useRef<HTMLDivElement>(null);
  const boxWidth = useElementWidth(tableBox);
  const columnChoices = useColumnsStore(columnsOf('investigations'));
  const changeColumns = useColumnsStore((state) => state.change);
  const ensureColumns = useColumnsStore((state) => state.ensureLoaded);
  useEffect(() => {
    void ensureColumns('investigations');
  }, [ensureColumns]);
  // Less the scroll area's border and a vertical scrollbar's room, so the columns never need a sideways one.
  const layout = layoutColumns(INVESTIGATION_COLUMN_SPECS, columnChoices, boxWidth === null ? null : boxWidth - SCROLL_ROOM);
  const saveColumns = (next: typeof columnChoices, save = true) => void changeColumns('investigations', next, save);
  const myId = useSessionStore((state) => state.session?.userId);
  const mayModify = usePermission('modify_investigations');
  const start = useAction(startWork);

  const open = (id: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    navigate('investigation', id);
  };

  const cells: Column<InvestigationSummary>[] = [
    {
      id: 'key',
      header: 'Key',
      width: '130px',
      mono: true,
      rowHeader: true,
      // Held whole at its width; a longer key than usual (a 5-digit count) ends in an ellipsis, whole in the tooltip.
      fullText: (row) => row.key,
      cell: (row) => (
        <a href={`#investigation/${encodeURIComponent(row.id)}`} onClick={open(row.id)} data-testid="investigation-link">
          {row.key}
        </a>
      ),
    },
    { id: 'title', header: 'Title', cell: (row) => row.title, fullText: (row) => `${row.title}${row.tags.length ? ` [${row.tags.join(', ')}]` : ''}` },
    {
      id: 'status',
      header: 'Status',
      width: '120px',
      cell: (row) => (
        <Badge tone={statusTone(row.status)} title={row.resolution ? RESOLUTION_LABELS[row.resolution] : undefined}>
          {STATUS_LABELS[row.status]}
        </Badge>
      ),
    },
    { id: 'severity', header: 'Severity', width: '96px', cell: (row) => <Badge tone={severityTone(row.severity)}>{SEVERITY_LABELS[row.severity]}</Badge> },
    {
      id: 'assignee',
      header: 'Assignee',
      cell: (row) => {
        // "Start work": an unassigned case, or a mine still waiting, taken and moved to in progress in one step.
        const waiting = row.status !== 'closed' && (row.assignee === null || (row.assignee.id === myId && row.status !== 'in_progress'));
        if (mayModify && waiting) {
          return (
            <span className="assignee-cell">
              <span className={row.assignee ? 'assignee-cell__name' : 'assignee-cell__name muted'}>{row.assignee?.displayName ?? 'Unassigned'}</span>
              <Button size="sm" variant="ghost" onClick={() => void start.run(row.id)} busy={start.pending} data-testid="investigation-start-work" aria-label={`Start work on ${row.key}`}>
                Start work
              </Button>
            </span>
          );
        }
        return row.assignee?.displayName ?? '—';
      },
      fullText: (row) => row.assignee?.displayName ?? 'Unassigned',
    },
    {
      id: 'sla',
      header: 'SLA due',
      width: '140px',
      cell: (row) => {
        const state = slaState(row.slaDueAt, row.closedAt, now, atRiskWindowMs);
        if (row.slaDueAt === null) return <span className="muted">—</span>;
        return (
          <span className={state === 'overdue' ? 'is-overdue' : state === 'due_soon' ? 'is-due-soon' : undefined} title={slaText(row.slaDueAt, row.closedAt, now, atRiskWindowMs)}>
            {state === 'overdue' && <span className="visually-hidden">Overdue: </span>}
            {formatDateTime(row.slaDueAt)}
          </span>
        );
      },
    },
    { id: 'alerts', header: 'Alerts', width: '72px', align: 'end', cell: (row) => row.alertCount.toLocaleString() },
    { id: 'updated', header: 'Updated', width: '130px', cell: (row) => formatAgo(row.updatedAt, now), fullText: (row) => formatDateTime(row.updatedAt) },
  ];
  const sortBy = (columnId: string) => {
    const next = nextInvestigationSort(draft, columnId);
    if (!next) return;
    setDraft(next);
    applyFilter(next);
  };
  const columns: Column<InvestigationSummary>[] = layout.shown.flatMap(({ spec, px }) => {
    const cell = cells.find((candidate) => candidate.id === spec.id);
    if (!cell) return [];
    const sortsBy = SORT_OF_INVESTIGATION_COLUMN[spec.id];
    const sorted = sortsBy === undefined ? undefined : (draft.sort ?? 'updated') === sortsBy ? (draft.direction === 'asc' ? 'ascending' : 'descending') : 'none';
    return [{
      ...cell,
      width: `${px}px`,
      ...(sorted ? { ariaSort: sorted } : {}),
      header: (
        <ColumnHeader
          label={spec.label}
          sort={sorted}
          onSort={sortsBy === undefined ? undefined : () => sortBy(spec.id)}
          width={px}
          minWidth={spec.minWidth}
          defaultWidth={spec.width}
          onResize={(width, done) => saveColumns(resizeColumn(columnChoices, spec, width), done)}
          testId={`investigations-col-${spec.id}`}
        />
      ),
    }];
  });

  return (
    <div className="page--table">
      <PageHeader
        title="Investigations"
        description={total === null ? 'Cases from open to closed.' : `${total.toLocaleString()} ${total === 1 ? 'investigation matches' : 'investigations match'} the filters.`}
        actions={
          <>
            <Button onClick={() => void reload()} busy={status === 'loading'}>
              Refresh
            </Button>
            <ExportButton page="investigations" />
            <ColumnChooser
              specs={INVESTIGATION_COLUMN_SPECS}
              hidden={columnChoices.hidden}
              fittedOut={layout.fittedOut}
              onToggle={(id, show) => saveColumns(toggleColumn(columnChoices, id, show))}
              onResetWidths={() => saveColumns({ ...columnChoices, widths: {} })}
              testId="investigations-columns"
            />
            {mayCreate && (
              <Button onClick={openImport} data-testid="case-import-start">
                Import case package…
              </Button>
            )}
            {mayCreate && (
              <Button ref={newButton} variant="primary" onClick={() => setCreating(true)} data-testid="new-investigation">
                New investigation
              </Button>
            )}
          </>
        }
      />
      <InvestigationFilters draft={draft} onDraftChange={setDraft} onApply={applyFilter} />
      <ErrorBanner message={error ?? start.error?.message} />
      <div ref={tableBox} className="investigations__table">
      <DataTable
        label="Investigations"
        columns={columns}
        rows={rows}
        rowKey={(row) => row.id}
        loading={status === 'loading' || status === 'idle'}
        emptyMessage={status === 'failed' ? 'Could not load investigations.' : 'No investigations match these filters.'}
        rowClassName={(row) => (list.data.left.has(row.id) ? 'row--left-filter' : slaState(row.slaDueAt, row.closedAt, now, atRiskWindowMs) === 'overdue' ? 'row--overdue' : undefined)}
        testId="investigations-table"
      />
      </div>
      <div className="table-footer">
        <span>
          {rows.length.toLocaleString()} shown{total !== null ? ` of ${total.toLocaleString()}` : ''}
        </span>
        {more.error && <span role="alert">{more.error.message}</span>}
        {next && (
          <Button size="sm" onClick={() => void more.run()} busy={moreStatus === 'loading'} data-testid="investigations-load-more">
            Load more
          </Button>
        )}
      </div>
      {creating && <NewInvestigationDialog onClose={() => setCreating(false)} />}
      {mayCreate && importingPackage && <ImportCasePackageDialog onClose={closePackageDialog} onImported={() => void reload()} />}
    </div>
  );
}
