// The first rows of the file as the import would read them: each mapped field's value, the time as
// read under the chosen format and zone (in UTC, beside the text it came from), and why a row would
// be rejected. Flags are words as well as colour.
import type { ImportPreview, MappingDraft } from '../../../src-shared/import-profile-contract';
import { fieldLabel, fieldsOf } from './mapping-fields';

/** '2026-05-01 10:00:00 UTC'; milliseconds only when the file had them. */
function utc(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '').concat(' UTC');
}

export function PreviewTable({ preview, mapping, kind, loading }: {
  preview: ImportPreview;
  mapping: MappingDraft;
  kind: MappingDraft['kind'];
  loading: boolean;
}) {
  const mapped = fieldsOf(kind).filter((field) => mapping.columns[field] !== undefined);
  const indexOf = (field: string) => preview.headers.indexOf(mapping.columns[field] ?? '');
  const rejected = preview.rows.filter((row) => row.problem !== null).length;
  return (
    <section aria-labelledby="import-preview-title" className="import-preview" aria-busy={loading}>
      <div className="import-preview__head">
        <h3 id="import-preview-title" className="import-mapping__title">
          First {preview.rows.length.toLocaleString()} {preview.rows.length === 1 ? 'row' : 'rows'}
        </h3>
        <span className={rejected > 0 ? 'import-preview__verdict is-bad' : 'import-preview__verdict'} role="status" data-testid="import-preview-verdict">
          {loading ? 'Reading…' : rejected > 0 ? `${rejected} of ${preview.rows.length} would be rejected` : 'All would import'}
        </span>
      </div>
      {preview.rows.length === 0 ? (
        <p className="import-preview__empty">The file has a header but no rows.</p>
      ) : (
        <div className="table-scroll import-preview__scroll" tabIndex={0} aria-labelledby="import-preview-title">
          <table className="import-preview__table" data-testid="import-preview">
            <thead>
              <tr>
                <th scope="col" className="import-preview__line">Line</th>
                <th scope="col" className="import-preview__status">Result</th>
                <th scope="col" className="import-preview__time">Time read as</th>
                {mapped.map((field) => (
                  <th key={field} scope="col" title={`${fieldLabel(kind, field)} ← ${mapping.columns[field] ?? ''}`}>
                    {fieldLabel(kind, field)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((row) => (
                <tr key={row.line} className={row.problem === null ? undefined : 'is-bad'} data-testid="import-preview-row">
                  <td className="import-preview__line mono">{row.line}</td>
                  <td className="import-preview__status">
                    {row.problem === null ? (
                      <span className="import-preview__ok">Imports</span>
                    ) : (
                      <span className="import-preview__problem" title={row.problem}>
                        <span aria-hidden="true">✕ </span>Rejected: {row.problem}
                      </span>
                    )}
                  </td>
                  <td className="import-preview__time mono">
                    {row.time === null ? (
                      <span className="import-preview__none">—</span>
                    ) : row.time.ok ? (
                      utc(row.time.ms)
                    ) : (
                      <span className="import-preview__problem" title={row.time.reason}>{row.time.reason}</span>
                    )}
                  </td>
                  {mapped.map((field) => {
                    const value = row.values?.[indexOf(field)] ?? '';
                    return (
                      <td key={field} title={value || undefined}>
                        {value}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
