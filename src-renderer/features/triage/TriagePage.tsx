// The triage queue: filter, scroll through any number of alerts, pick rows, give verdicts by mouse or
// by keyboard, open an alert beside the list, and import more.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { PageHeader } from '../../components/PageHeader';
import { VirtualTable } from '../../components/VirtualTable';
import { useNavigationStore } from '../../kit/navigation';
import type { AlertRow } from '../../../src-shared/model';
import { useSessionStore } from '../../kit/session-store';
import { ImportDialog } from '../import/ImportDialog';
import { ExportButton } from '../exports/ExportButton';
import { AlertDetailPanel } from './AlertDetailPanel';
import { leftRowClass } from './live-refresh';
import { newAlertsNotice } from './new-alerts';
import { AssignDialog, DismissDialog, MergeDialog, PromoteDialog } from './VerdictDialogs';
import { BulkBar } from './BulkBar';
import { useAlertDetailStore } from './detail-store';
import { ShortcutLegend } from './ShortcutLegend';
import { TriageFilters } from './TriageFilters';
import { alertFromRouteParam, draftFromRouteParam, filterFromDraft, routeParamFromDraft, type FilterDraft } from './filter-form';
import { firstHeldPosition, hasAfter, hasBefore, heldRows } from './alert-window';
import { NO_SELECTION, advancesAfterVerdict, clickRow, isSelected, selectionSize, toggleRow } from './selection';
import { currentTarget, useTriageStore, type AlertSelectionInput } from './store';
import { ALERT_COLUMN_SPECS, SORT_OF_COLUMN, alertColumns } from './alert-columns';
import { ColumnChooser } from '../../components/ColumnChooser';
import { columnsOf, useColumnsStore } from '../../kit/columns-store';
import { layoutColumns, resizeColumn, toggleColumn, type ColumnSpec } from '../../kit/table-columns';
import { useElementWidth } from '../../kit/use-element-width';
import { useTransientMessage } from '../../kit/use-transient-message';
import { isTypingTarget, triageCommand } from './triage-keys';
import './triage.css';

/** The filter a draft stands for now (its time presets count back from this moment). */
function filterAsOfNow(draft: FilterDraft) {
  return filterFromDraft(draft, Date.now());
}

type OpenDialog = { kind: 'dismiss' | 'assign' | 'promote' | 'merge'; target: AlertSelectionInput; count: number; advance: boolean } | { kind: 'import' } | null;


export function TriagePage() {
  const param = useNavigationStore((state) => state.param);
  const navigate = useNavigationStore((state) => state.navigate);
  const permissions = useSessionStore((state) => state.session?.permissions ?? []);
  const store = useTriageStore();
  const { queue, selection, focusedId, detailId, lastResult, generation } = store;
  const { data: { window: held, total, newAlerts }, status, error } = queue;
  const openAlert = useAlertDetailStore((state) => state.detail.data);
  // Four eyes: the one selected alert is open and main said it is about this user.
  const selectionAboutYou = selection.kind === 'ids' && selection.ids.size === 1 && openAlert?.aboutYou === true && selection.ids.has(openAlert.id);
  const [draft, setDraft] = useState<FilterDraft>(() => draftFromRouteParam(param));
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const gridRef = useRef<HTMLDivElement | null>(null);
  const textRef = useRef<HTMLInputElement | null>(null);
  // True while the selection is the one row a plain click picked (not rows chosen with x or Space).
  const pickedByClick = useRef(false);
  const rows = useMemo(() => heldRows(held), [held]);
  const mayModify = permissions.includes('modify_investigations');
  const mayCreate = permissions.includes('create_investigations');

  // The param this page wrote itself (below): its filter is already applied.
  const written = useRef<string | null | undefined>(undefined);

  useEffect(() => {
    if (written.current !== undefined && written.current === param) {
      written.current = undefined;
      return;
    }
    written.current = undefined;
    const initialDraft = draftFromRouteParam(param);
    setDraft(initialDraft);
    void useTriageStore.getState().setQuery(filterFromDraft(initialDraft, Date.now()), initialDraft.order, initialDraft.sort);
    const alertId = alertFromRouteParam(param);
    if (alertId) useTriageStore.getState().openDetail(alertId);
  }, [param]);

  const apply = (next: FilterDraft) => {
    void store.setQuery(filterAsOfNow(next), next.order, next.sort);
    // The address always says the view (filters and sort), so a reload, Back or a shared link shows
    // what the user sees; "Clear filters" comes back to plain #triage.
    const nextParam = routeParamFromDraft(next);
    if (nextParam !== param) {
      written.current = nextParam;
      navigate('triage', nextParam);
    }
  };

  // Columns: the user's choices (kept per user in main), fitted to the grid's width.
  const columnChoices = useColumnsStore(columnsOf('triage'));
  const changeColumns = useColumnsStore((state) => state.change);
  const ensureColumns = useColumnsStore((state) => state.ensureLoaded);
  useEffect(() => {
    void ensureColumns('triage');
  }, [ensureColumns]);
  const gridWidth = useElementWidth(gridRef);
  const layout = useMemo(() => layoutColumns(ALERT_COLUMN_SPECS, columnChoices, gridWidth), [columnChoices, gridWidth]);
  const saveColumns = (next: typeof columnChoices, save = true) => void changeColumns('triage', next, save).catch((error: unknown) => store.reportFailure(error));
  const sortBy = (column: string) => {
    const sort = SORT_OF_COLUMN[column];
    if (!sort) return;
    // The same column flips the direction; a new one starts where it reads best (status: new first).
    const order = draft.sort === sort ? (draft.order === 'newest' ? 'oldest' : 'newest') : sort === 'status' ? 'oldest' : 'newest';
    const next = { ...draft, sort, order } as const;
    setDraft(next);
    apply(next);
  };
  // The handlers run on clicks and drags only; the compiler's lint cannot tell, as they pass through
  // a plain function that builds the headers rather than through JSX props.
  // eslint-disable-next-line react-hooks/refs
  const columns = alertColumns(layout, {
    sort: draft.sort,
    order: draft.order,
    onSort: sortBy,
    onResize: (spec: ColumnSpec, px: number, done: boolean) => saveColumns(resizeColumn(columnChoices, spec, px), done),
  });
  const resultShown = useTransientMessage(lastResult, () => useTriageStore.setState({ lastResult: null }));

  const openVerdict = (kind: 'dismiss' | 'assign' | 'promote' | 'merge') => {
    const target = currentTarget();
    if (!target) return;
    const picked = selectionSize(selection);
    setDialog({ kind, target, count: picked > 0 ? picked : 1, advance: advancesAfterVerdict(selection, focusedId) });
  };

  /** After a verdict on the focused row (no selection), move on to the next row. */
  const finishVerdict = (advance: boolean) => {
    setDialog(null);
    if (advance) store.moveFocus(1);
    gridRef.current?.focus();
  };

  const acknowledge = async () => {
    const target = currentTarget();
    if (!target) return;
    const advance = advancesAfterVerdict(selection, focusedId);
    try {
      await store.bulk(target, { kind: 'acknowledge' });
      if (advance) store.moveFocus(1);
    } catch (error) {
      store.reportFailure(error);
    }
  };

  const reopen = async () => {
    const target = currentTarget();
    if (!target) return;
    try {
      await store.bulk(target, { kind: 'reopen' });
    } catch (error) {
      store.reportFailure(error);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (dialog) return;
    const command = triageCommand(event);
    if (!command) return;
    if (command !== 'close' && isTypingTarget(event.target)) return;
    // Buttons and links keep Enter and Space for themselves.
    if ((command === 'open' || command === 'toggleSelect') && event.target !== gridRef.current) return;
    event.preventDefault();
    switch (command) {
      case 'next':
      case 'previous': {
        // A single row picked by a plain click is just "the current row": it does not follow
        // the keyboard, or a verdict after j/k would land on the row left behind.
        if (pickedByClick.current && selection.kind === 'ids' && selection.ids.size === 1 && focusedId !== null && selection.ids.has(focusedId)) {
          store.setSelection(NO_SELECTION);
        }
        pickedByClick.current = false;
        const id = store.moveFocus(command === 'next' ? 1 : -1);
        if (detailId && id) store.openDetail(id);
        break;
      }
      case 'toggleSelect':
        pickedByClick.current = false;
        if (focusedId) store.setSelection(toggleRow(selection, focusedId));
        break;
      case 'open':
        if (focusedId) store.openDetail(focusedId);
        break;
      case 'acknowledge':
        if (mayModify) void acknowledge();
        break;
      case 'dismiss':
        if (mayModify) openVerdict('dismiss');
        break;
      case 'promote':
        if (mayCreate) openVerdict('promote');
        break;
      case 'merge':
        if (mayModify) openVerdict('merge');
        break;
      case 'close':
        if (detailId) {
          store.openDetail(null);
          gridRef.current?.focus();
        } else if (selectionSize(selection) > 0) store.setSelection(NO_SELECTION);
        break;
      case 'focusSearch':
        textRef.current?.focus();
        textRef.current?.select();
        break;
    }
  };

  const onRowClick = useCallback(
    (row: AlertRow, _index: number, event: MouseEvent<HTMLDivElement>) => {
      const state = useTriageStore.getState();
      const modifiers = { shift: event.shiftKey, toggle: event.ctrlKey || event.metaKey };
      state.focus(row.id);
      // Keep the browser from extending a text selection on shift-click.
      if (modifiers.shift) event.preventDefault();
      state.setSelection(clickRow(state.selection, heldRows(state.queue.data.window), row.id, modifiers));
      pickedByClick.current = !modifiers.shift && !modifiers.toggle;
      if (state.detailId && !modifiers.shift && !modifiers.toggle) state.openDetail(row.id);
    },
    [],
  );

  /** Show on the new-alerts notice: the rows go in, the first is focused (the grid scrolls to it) and the grid takes focus. */
  const showNewAlerts = () => {
    store.showNewAlerts();
    gridRef.current?.focus();
  };

  const loadNext = useCallback(() => void useTriageStore.getState().loadNext(), []);
  const loadPrevious = useCallback(() => void useTriageStore.getState().loadPrevious(), []);
  const entityFilter = draft.entityId;
  const countLine = total === null ? (status === 'failed' ? 'The queue could not be read.' : 'Counting…') : `${total.toLocaleString()} ${total === 1 ? 'alert matches' : 'alerts match'}`;
  const start = firstHeldPosition(held);

  return (
    <div className="page--table triage" onKeyDown={onKeyDown}>
      <PageHeader
        title="Alerts"
        description={<span data-testid="triage-count">{countLine}</span>}
        actions={
          <>
            <Button onClick={() => void store.reload()} busy={status === 'loading'}>
              Refresh
            </Button>
            <ExportButton page="triage" />
            <ColumnChooser
              specs={ALERT_COLUMN_SPECS}
              hidden={columnChoices.hidden}
              fittedOut={layout.fittedOut}
              onToggle={(id, show) => saveColumns(toggleColumn(columnChoices, id, show))}
              onResetWidths={() => saveColumns({ ...columnChoices, widths: {} })}
              testId="triage-columns"
            />
            {mayCreate && (
              <Button variant="primary" onClick={() => setDialog({ kind: 'import' })} data-testid="import-open">
                Import alerts
              </Button>
            )}
          </>
        }
      />
      <TriageFilters draft={draft} onDraftChange={setDraft} onApply={apply} textRef={textRef} />
      {entityFilter && (
        <Alert tone="info" role="status">
          Showing the alerts of one entity.{' '}
          <Button
            variant="link"
            onClick={() => {
              const next = { ...draft, entityId: null };
              setDraft(next);
              navigate('triage', routeParamFromDraft(next));
            }}
          >
            Show all alerts
          </Button>
        </Alert>
      )}
      <BulkBar
        selection={selection}
        total={total}
        heldCount={rows.length}
        mayModify={mayModify}
        mayCreate={mayCreate}
        aboutYou={selectionAboutYou}
        onSelect={store.setSelection}
        onAcknowledge={() => void acknowledge()}
        onReopen={() => void reopen()}
        onDialog={openVerdict}
      />
      {/* A toast over the list, not a line above it: the table never moves when a result shows or goes. */}
      <p className="triage__result" role="status" aria-live="polite" data-testid={resultShown ? 'triage-result' : undefined} hidden={!resultShown}>
        {resultShown}
      </p>
      <ErrorBanner message={error} />
      <div className={detailId ? 'triage__split has-detail' : 'triage__split'}>
        <div className="triage__table">
          {/* Floats over the top rows rather than taking a line above them: appearing, counting up and
              going never moves the row under the pointer. Polite: a screen reader hears it between reads. */}
          <div className="triage__new-alerts" role="status" aria-live="polite" aria-atomic="true">
            {newAlerts.length > 0 && (
              <button type="button" className="triage__new-alerts-button" onClick={showNewAlerts} data-testid="triage-new-alerts">
                {newAlertsNotice(newAlerts.length)}
              </button>
            )}
          </div>
          <VirtualTable
            label="Alerts"
            columns={columns}
            rows={rows}
            rowKey={(row) => row.id}
            firstPosition={start}
            totalCount={total}
            hasBefore={hasBefore(held)}
            hasAfter={hasAfter(held)}
            loading={status === 'loading' || status === 'idle'}
            emptyMessage={status === 'failed' ? 'The queue could not be read.' : 'No alerts match these filters.'}
            resetKey={String(generation)}
            focusedKey={focusedId}
            isSelected={(row) => isSelected(selection, row.id)}
            rowClassName={(row) => leftRowClass(queue.data.left, row) ?? (row.status === 'dismissed' ? 'triage-row--dismissed' : undefined)}
            onNearStart={loadPrevious}
            onNearEnd={loadNext}
            onRowClick={onRowClick}
            onRowDoubleClick={(row) => store.openDetail(row.id)}
            gridRef={gridRef}
            testId="triage-table"
          />
        </div>
        {detailId && (
          <AlertDetailPanel
            alertId={detailId}
            onClose={() => {
              store.openDetail(null);
              gridRef.current?.focus();
            }}
            onOpenAlert={(id) => store.openDetail(id)}
          />
        )}
      </div>
      <div className="table-footer">
        <span>
          {rows.length > 0 && `Rows ${(start + 1).toLocaleString()}–${(start + rows.length).toLocaleString()} in memory${total !== null ? ` of ${total.toLocaleString()}` : ''}`}
        </span>
        <ShortcutLegend />
      </div>
      {dialog?.kind === 'dismiss' && <DismissDialog target={dialog.target} count={dialog.count} onClose={() => setDialog(null)} onDone={() => finishVerdict(dialog.advance)} />}
      {dialog?.kind === 'assign' && <AssignDialog target={dialog.target} count={dialog.count} onClose={() => setDialog(null)} onDone={() => finishVerdict(false)} />}
      {dialog?.kind === 'merge' && <MergeDialog target={dialog.target} count={dialog.count} onClose={() => setDialog(null)} onDone={() => finishVerdict(dialog.advance)} />}
      {dialog?.kind === 'promote' && (
        <PromoteDialog
          target={dialog.target}
          count={dialog.count}
          onClose={() => setDialog(null)}
          onDone={(investigationId) => {
            setDialog(null);
            navigate('investigation', investigationId);
          }}
        />
      )}
      {dialog?.kind === 'import' && (
        <ImportDialog
          onClose={() => setDialog(null)}
          onImported={() => void store.reload()}
        />
      )}
    </div>
  );
}
