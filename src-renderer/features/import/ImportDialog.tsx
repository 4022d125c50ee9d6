// "Import alerts" (or investigations) from a file: choose, upload with a byte progress bar, check
// the column mapping against the first rows (or apply a saved profile), import with a rows-read
// count, cancel at any point, then a summary with every rejected row and why.
import { useEffect, useMemo, useRef, useState, type SubmitEvent } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { FieldFrame } from '../../components/FieldFrame';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { formatBytes } from '../../format/bytes';
import { percent, sourceFromFileName } from './upload-plan';
import { useImportStore, type ImportKind, type ImportOptions, type ImportResult } from './store';
import { useMappingStore } from './mapping-store';
import { MappingStep } from './MappingStep';
import { isKnownTimeZone, REQUIRED_FIELD } from './mapping-fields';
import './import.css';

const FALLBACK_ZONES = ['UTC', 'Europe/London', 'Europe/Paris', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo'];

function knownZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return FALLBACK_ZONES;
  }
}

export function ImportDialog({ onClose, onImported }: { onClose(): void; onImported(): void }) {
  const { phase, fileName, size, sent, rowsRead, rowsTotal, result, error, errorFields, upload, run, back, cancel, reset } = useImportStore();
  const mapping = useMappingStore((state) => state.mapping);
  const profileName = useMappingStore((state) => state.profiles.find((p) => p.id === state.profileId)?.name ?? null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [options, setOptions] = useState<ImportOptions>({ kind: 'alerts', source: '', format: 'auto', mode: 'good_rows' });
  const zones = useMemo(() => knownZones(), []);

  useEffect(() => {
    reset();
    return () => reset();
  }, [reset]);

  // Tell the page once per finished import (the callback may be a new function on every render).
  const notified = useRef<ImportResult | null>(null);
  useEffect(() => {
    if (phase !== 'done' || !result || notified.current === result || !result.summary.committed) return;
    notified.current = result;
    onImported();
  }, [phase, result, onImported]);

  const running = phase === 'uploading' || phase === 'importing';
  const close = () => {
    // A file waiting in the mapping step is dropped too.
    if (running || phase === 'mapping') void cancel();
    onClose();
  };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) {
      setFileError('Choose a file to import');
      return;
    }
    void upload(file, { ...options, source: options.source.trim() || sourceFromFileName(file.name) });
  };

  // Import is offered once the mapping can import something: its key field mapped, its zone real.
  const blockedBy =
    !mapping ? 'Reading the first rows…'
      : mapping.columns[REQUIRED_FIELD[mapping.kind]] === undefined ? 'Map the required column first'
        : !isKnownTimeZone(mapping.timestamp.timeZone) ? 'Enter a known time zone first'
          : null;
  const importMapped = () => {
    if (!mapping || blockedBy) return;
    void run({ ...mapping, name: profileName ?? 'Chosen in the import dialog' });
  };

  const title = options.kind === 'alerts' ? 'Import alerts' : 'Import investigations';
  return (
    <Dialog
      title={title}
      onClose={close}
      testId="import-dialog"
      footer={
        running ? (
          <Button variant="danger" onClick={() => void cancel()} data-testid="import-cancel">
            Cancel import
          </Button>
        ) : phase === 'form' ? (
          <>
            <Button onClick={close}>Close</Button>
            <Button type="submit" form="import-form" variant="primary" data-testid="import-next">
              Next: check columns
            </Button>
          </>
        ) : phase === 'mapping' ? (
          <>
            {blockedBy && mapping && <span className="import-footer__note">{blockedBy}</span>}
            <Button onClick={() => void back()} data-testid="import-back">
              Back
            </Button>
            <Button variant="primary" onClick={importMapped} aria-disabled={blockedBy ? true : undefined} data-testid="import-start">
              Import
            </Button>
          </>
        ) : (
          <>
            <Button onClick={reset} data-testid="import-again">
              Import another file
            </Button>
            <Button variant="primary" onClick={close} data-testid="import-done">
              Done
            </Button>
          </>
        )
      }
    >
      {phase === 'form' && (
        <form id="import-form" className="form-stack" onSubmit={submit} noValidate>
          <fieldset className="choice-group">
            <legend>What the file holds</legend>
            {(['alerts', 'investigations'] as const).map((kind: ImportKind) => (
              <label key={kind} className="choice">
                <input type="radio" name="kind" checked={options.kind === kind} onChange={() => setOptions({ ...options, kind })} data-testid={`import-kind-${kind}`} />
                {kind === 'alerts' ? 'Alerts' : 'Investigations (case events)'}
              </label>
            ))}
          </fieldset>
          <FieldFrame label="File" hint="CSV, NDJSON or a JSON array." error={fileError ?? errorFields['uploadId']}>
            {(control) => (
              <input
                {...control}
                type="file"
                className="import-file"
                accept=".csv,.ndjson,.jsonl,.json,text/csv,application/json"
                data-autofocus
                onChange={(event) => {
                  const chosen = event.target.files?.[0] ?? null;
                  setFile(chosen);
                  setFileError(null);
                  if (chosen && !options.source.trim()) setOptions((current) => ({ ...current, source: sourceFromFileName(chosen.name) }));
                }}
                data-testid="import-file"
              />
            )}
          </FieldFrame>
          <div className="form-row">
            <TextField
              label="Source name"
              value={options.source}
              maxLength={80}
              onChange={(event) => setOptions({ ...options, source: event.target.value })}
              hint="Where the rows come from, e.g. reports or servicenow."
              data-testid="import-source"
            />
            <SelectField label="Format" value={options.format} onChange={(event) => setOptions({ ...options, format: event.target.value as ImportOptions['format'] })} data-testid="import-format">
              <option value="auto">Detect from the file</option>
              <option value="csv">CSV</option>
              <option value="ndjson">NDJSON</option>
              <option value="json">JSON array</option>
            </SelectField>
          </div>
          <fieldset className="choice-group choice-group--stacked">
            <legend>If some rows are bad</legend>
            <label className="choice">
              <input type="radio" name="mode" checked={options.mode === 'good_rows'} onChange={() => setOptions({ ...options, mode: 'good_rows' })} data-testid="import-mode-good-rows" />
              Import the good rows
            </label>
            <label className="choice">
              <input type="radio" name="mode" checked={options.mode === 'all_or_nothing'} onChange={() => setOptions({ ...options, mode: 'all_or_nothing' })} data-testid="import-mode-all-or-nothing" />
              Import nothing if any row is bad
            </label>
          </fieldset>
        </form>
      )}
      {phase === 'mapping' && <MappingStep zones={zones} />}
      {running && (
        <div className="import-progress" data-testid="import-progress">
          <p>
            <strong className="truncate" title={fileName ?? undefined}>
              {fileName}
            </strong>
          </p>
          <label className="import-progress__label" htmlFor="import-upload-bar">
            {phase === 'uploading' ? `Uploading ${formatBytes(sent)} of ${formatBytes(size)}` : 'Uploaded'}
          </label>
          <progress id="import-upload-bar" max={100} value={percent(sent, size)} />
          {phase === 'importing' && (
            <>
              <label className="import-progress__label" htmlFor="import-rows-bar">
                Importing: {rowsRead.toLocaleString()} rows read{rowsTotal ? ` of ${rowsTotal.toLocaleString()}` : ''}
              </label>
              {/* Without a total the bar is indeterminate: no value attribute. */}
              <progress id="import-rows-bar" max={rowsTotal ?? undefined} value={rowsTotal ? rowsRead : undefined} />
            </>
          )}
        </div>
      )}
      {phase === 'cancelled' && (
        <Alert tone="warning" role="status" testId="import-cancelled">
          The import was cancelled. Nothing from this file was written.
        </Alert>
      )}
      {phase === 'failed' && <ErrorBanner message={error} />}
      {phase === 'done' && result && <ImportSummaryView result={result} />}
    </Dialog>
  );
}

function ImportSummaryView({ result }: { result: ImportResult }) {
  const { summary } = result;
  const counts: [string, number][] =
    result.kind === 'alerts'
      ? [
          ['Rows read', result.summary.read],
          ['Imported', result.summary.imported],
          ['Deduplicated', result.summary.deduplicated],
          ['Duplicates (already imported)', result.summary.duplicates],
          ['Rejected', result.summary.rejected],
        ]
      : [
          ['Rows read', result.summary.read],
          ['Cases in the file', result.summary.cases],
          ['Imported', result.summary.imported],
          ['Updated', result.summary.updated],
          ['Unchanged', result.summary.unchanged],
          ['Rejected', result.summary.rejected],
        ];
  return (
    <div className="import-summary" data-testid="import-summary">
      {summary.committed ? (
        <Alert tone={summary.rejected > 0 ? 'warning' : 'success'} role="status">
          Import finished in {(summary.ms / 1000).toFixed(1)} s{summary.rejected > 0 ? '; some rows were rejected.' : '.'}
        </Alert>
      ) : (
        <Alert tone="error" role="alert" title="Nothing was imported">
          {summary.rejected.toLocaleString()} {summary.rejected === 1 ? 'row was' : 'rows were'} rejected and the import was set to import nothing if any row is bad.
        </Alert>
      )}
      <dl className="import-summary__counts">
        {counts.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd data-testid={`import-count-${label.split(' ')[0]!.toLowerCase()}`}>{value.toLocaleString()}</dd>
          </div>
        ))}
      </dl>
      {summary.rejectedRows.length > 0 && (
        <section aria-labelledby="import-rejected-title">
          <h3 id="import-rejected-title">
            Rejected rows{summary.rejectedRows.length < summary.rejected ? ` (first ${summary.rejectedRows.length.toLocaleString()})` : ''}
          </h3>
          <ol className="import-rejected" tabIndex={0} aria-labelledby="import-rejected-title" data-testid="import-rejected">
            {summary.rejectedRows.map((row) => (
              <li key={`${row.line}:${row.reason}`}>
                <span className="mono">Line {row.line}</span> {row.reason}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
