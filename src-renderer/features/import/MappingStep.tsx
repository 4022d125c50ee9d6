// The mapping step of the import dialog: which column of the file feeds which field (the guess from
// the headers preselected), how its times are written and in which zone, the first rows read under
// that mapping with the ones the import would reject flagged, and the vault's saved profiles.
import { useMemo } from 'react';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { MAPPING_TIME_FORMATS, type ImportPreview, type MappingDraft, type MappingTimeFormat } from '../../../src-shared/import-profile-contract';
import { fieldLabel, fieldsOf, isKnownTimeZone, REQUIRED_FIELD, TIME_FORMAT_LABELS } from './mapping-fields';
import { useMappingStore } from './mapping-store';
import { ProfileBar } from './ProfileBar';
import { PreviewTable } from './PreviewTable';
import { foldSummaryText } from './fold-summary';

const NOT_MAPPED = '';

export function MappingStep({ zones }: { zones: string[] }) {
  const { kind, preview: read, mapping, setColumn, setTimeFormat, setTimeZone } = useMappingStore();
  const { data: preview, error } = read;
  const loading = read.status === 'loading';
  if (!preview || !mapping) {
    return error ? <Alert tone="error">{error}</Alert> : <p className="import-mapping__loading" role="status">Reading the first rows…</p>;
  }
  const zoneError = isKnownTimeZone(mapping.timestamp.timeZone) ? null : 'Not a time zone Vigil knows (e.g. UTC, Europe/Paris)';
  const required = REQUIRED_FIELD[kind];
  const fields = fieldsOf(kind);
  const half = Math.ceil(fields.length / 2);
  const suggested = preview.mappedTime?.reason === null ? preview.mappedTime.format : null;
  return (
    <div className="import-mapping" data-testid="import-mapping">
      <ProfileBar />
      <section aria-labelledby="import-time-title" className="import-mapping__time">
        <h3 id="import-time-title" className="visually-hidden">Times</h3>
        <SelectField
          label="Time format"
          value={mapping.timestamp.format}
          onChange={(event) => setTimeFormat(event.target.value as MappingTimeFormat)}
          data-testid="import-time-format"
        >
          {MAPPING_TIME_FORMATS.map((format) => (
            <option key={format} value={format}>{TIME_FORMAT_LABELS[format]}</option>
          ))}
        </SelectField>
        <TextField
          label="Time zone"
          value={mapping.timestamp.timeZone}
          list="import-time-zones"
          spellCheck={false}
          onChange={(event) => setTimeZone(event.target.value)}
          hint="For times written without an offset."
          error={zoneError}
          data-testid="import-time-zone"
        />
        <datalist id="import-time-zones">
          {zones.map((zone) => <option key={zone} value={zone} />)}
        </datalist>
        <p className="import-mapping__detected" data-testid="import-time-detected">
          {mappedTimeText(preview)}
          {suggested !== null && suggested !== mapping.timestamp.format && (
            <>
              {' '}
              <Button variant="link" size="sm" onClick={() => setTimeFormat(suggested)} data-testid="import-time-use-detected">
                Use it
              </Button>
            </>
          )}
        </p>
      </section>
      <section aria-labelledby="import-columns-title" className="import-mapping__columns">
        <div className="import-mapping__head">
          <h3 id="import-columns-title" className="import-mapping__title">Columns</h3>
          {mapping.columns[required] === undefined && (
            <span className="import-mapping__missing" role="status" data-testid="import-required-missing">
              Map the {fieldLabel(kind, required).toLowerCase()} column: without it every row is rejected.
            </span>
          )}
        </div>
        <div className="import-mapping__tables">
          <ColumnTable preview={preview} mapping={mapping} kind={kind} fields={fields.slice(0, half)} onChange={setColumn} />
          <ColumnTable preview={preview} mapping={mapping} kind={kind} fields={fields.slice(half)} onChange={setColumn} />
        </div>
      </section>
      <PreviewTable preview={preview} mapping={mapping} kind={kind} loading={loading} />
      <FoldSummary preview={preview} loading={loading} />
      {error && <Alert tone="error">{error}</Alert>}
    </div>
  );
}

/** How the rows read fold into alerts: the importer's count, so the summary after the import agrees. */
function FoldSummary({ preview, loading }: { preview: ImportPreview; loading: boolean }) {
  const text = preview.folding ? foldSummaryText(preview.folding) : null;
  if (text === null) return null;
  return (
    <p className="import-mapping__folds" role="status" aria-busy={loading} data-testid="import-fold-summary">
      {text}
    </p>
  );
}

function mappedTimeText(preview: ImportPreview): string {
  const time = preview.mappedTime;
  if (time === null) return 'No time column is mapped.';
  const name = (format: MappingTimeFormat) => TIME_FORMAT_LABELS[format].replace(/ \(.*\)$/, '');
  if (time.reason !== null) return `"${time.header}": ${time.reason}.`;
  const also = time.alternatives.length > 0 ? ` (also fits ${time.alternatives.map(name).join(', ')}: check the order)` : '';
  return `"${time.header}" reads as ${name(time.format)}${also}.`;
}

function ColumnTable({ preview, mapping, kind, fields, onChange }: {
  preview: ImportPreview;
  mapping: MappingDraft;
  kind: MappingDraft['kind'];
  fields: string[];
  onChange(field: string, header: string | null): void;
}) {
  // Each header once, in file order: a profile refers to columns by name.
  const headers = useMemo(() => [...new Set(preview.headers.filter((h) => h !== ''))], [preview.headers]);
  const firstRow = preview.rows.find((r) => r.values !== null)?.values ?? null;
  const sampleOf = (header: string | undefined): string => {
    if (header === undefined || !firstRow) return '';
    const index = preview.headers.indexOf(header);
    return index < 0 ? '' : (firstRow[index] ?? '');
  };
  return (
    <table className="import-columns" data-testid="import-columns">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Column in the file</th>
          <th scope="col">First row</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => {
          const header = mapping.columns[field];
          const missing = header !== undefined && !headers.includes(header);
          const detected = header !== undefined && preview.detected.columns[field] === header;
          const sample = sampleOf(header);
          const selectId = `import-column-${field}`;
          return (
            <tr key={field} className={header !== undefined ? undefined : field === REQUIRED_FIELD[kind] ? 'is-missing' : 'is-unmapped'}>
              <th scope="row">
                <label htmlFor={selectId}>{fieldLabel(kind, field)}</label>
                {field === REQUIRED_FIELD[kind] && <span className="import-columns__required"> (required)</span>}
              </th>
              <td>
                <select
                  id={selectId}
                  className="input select import-columns__select"
                  value={header ?? NOT_MAPPED}
                  onChange={(event) => onChange(field, event.target.value === NOT_MAPPED ? null : event.target.value)}
                  aria-invalid={missing ? true : undefined}
                  aria-describedby={missing ? `${selectId}-missing` : undefined}
                  title={header}
                  data-testid={selectId}
                >
                  <option value={NOT_MAPPED}>— not mapped —</option>
                  {missing && <option value={header}>{header} (not in this file)</option>}
                  {headers.map((h) => (
                    <option key={h} value={h}>{h}</option>
                  ))}
                </select>
                {missing && <span id={`${selectId}-missing`} className="import-columns__missing">Not in this file</span>}
              </td>
              <td className="import-columns__sample" title={sample || undefined}>
                {sample === '' ? <span className="import-columns__empty">{header === undefined ? '' : 'empty'}</span> : sample}
                {detected && <span className="visually-hidden"> (detected)</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
