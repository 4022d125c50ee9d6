// "Export…" on a list or a case: one button and dialog shared by the triage queue, the investigations
// list and an investigation. The dialog says how many rows match and what the cap does before
// anything starts, shows a progress bar while the file is written (Cancel stops the job), and saves
// the file through the download path. Hidden without export_data (main refuses it regardless).
import { useRef, type RefObject } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { saveBlob } from '../../kit/download';
import { usePermission } from '../../kit/use-permission';
import type { ExportFile } from '../../../src-shared/workspace-model';
import { useNavigationStore } from '../../kit/navigation';
import type { PageId } from '../../kit/pages';
import { progressLabel, type ExportFormat } from './export-plan';
import { exportTargetFor } from './export-targets';
import { useExportStore } from './store';
import './exports.css';

const FORMATS: { value: ExportFormat; label: string }[] = [
  { value: 'csv', label: 'CSV (spreadsheets)' },
  { value: 'json', label: 'JSON (scripts)' },
];

function save(file: ExportFile): void {
  saveBlob(file.fileName, new Blob([file.content], { type: file.mediaType }));
}

/** The screen's export (export-targets.ts says what each screen exports); the palette opens the same dialog. */
export function ExportButton({ page, size = 'md', testId = 'export-open' }: { page: PageId; size?: 'sm' | 'md'; testId?: string }) {
  const mayExport = usePermission('export_data');
  const open = useExportStore((state) => state.open);
  const isOpen = useExportStore((state) => state.target !== null);
  const button = useRef<HTMLButtonElement>(null);
  if (!mayExport) return null;
  const start = () => {
    const target = exportTargetFor(page, useNavigationStore.getState().param);
    if (target) void open(target);
  };
  return (
    <>
      <Button ref={button} size={size} variant={size === 'sm' ? 'ghost' : 'secondary'} onClick={start} data-testid={testId}>
        Export CSV / JSON…
      </Button>
      {isOpen && <ExportDialog returnFocusTo={button} />}
    </>
  );
}

function ExportDialog({ returnFocusTo }: { returnFocusTo: RefObject<HTMLButtonElement | null> }) {
  const { phase, format, plan, progress, result, error, setFormat, start, cancel, close } = useExportStore();
  const seesPii = usePermission('access_pii');
  const running = phase === 'running';
  const percent = progress.total ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : null;
  const footer = (
    <>
      {running ? (
        <Button onClick={() => void cancel()} data-testid="export-cancel">Cancel export</Button>
      ) : (
        <Button onClick={close} data-testid="export-close">{phase === 'done' ? 'Close' : 'Cancel'}</Button>
      )}
      {(phase === 'ready' || phase === 'cancelled' || phase === 'failed') && plan && (
        <Button variant="primary" onClick={() => void start(save)} data-autofocus data-testid="export-start">
          {plan.capped ? `Export the newest ${plan.rows.toLocaleString('en-US')}` : `Export ${format.toUpperCase()}`}
        </Button>
      )}
    </>
  );
  return (
    <Dialog title="Export" onClose={close} returnFocusTo={returnFocusTo} size="sm" testId="export-dialog" footer={footer}>
      <fieldset className="export__formats" disabled={running}>
        <legend>Format</legend>
        {FORMATS.map((choice) => (
          <label key={choice.value} className="export__format">
            <input type="radio" name="export-format" value={choice.value} checked={format === choice.value} onChange={() => setFormat(choice.value)} data-testid={`export-format-${choice.value}`} />
            {choice.label}
          </label>
        ))}
      </fieldset>
      {phase === 'counting' && <p role="status">Counting what matches…</p>}
      {plan && (
        <Alert tone={plan.capped ? 'warning' : 'info'} role="status" testId="export-plan">
          {plan.summary}
        </Alert>
      )}
      {!seesPii && <p className="export__note">Your role does not see personal data: names, emails and accounts are masked in the file, as on screen.</p>}
      {running && (
        <div className="export__progress" data-testid="export-progress">
          <label htmlFor="export-progress-bar">{progressLabel(progress.done, progress.total)}</label>
          <progress id="export-progress-bar" max={100} value={percent ?? undefined} />
        </div>
      )}
      {phase === 'cancelled' && <p role="status" data-testid="export-cancelled">Export cancelled; no file was saved.</p>}
      {phase === 'done' && result && (
        <Alert tone="success" role="status" testId="export-done">
          Saved {result.fileName}: {result.rows.toLocaleString('en-US')} rows
          {result.matched !== undefined && result.matched > result.rows ? ` of ${result.matched.toLocaleString('en-US')} matching (the cap)` : ''}
          {result.masked ? ', personal data masked' : ''}.
        </Alert>
      )}
      <ErrorBanner message={error} />
    </Dialog>
  );
}
