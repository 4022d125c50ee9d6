// What a case package holds, as its sealed manifest says: the case, who sealed it where and when,
// rows per kind and each evidence file with its SHA-256. Shown after an export and before an import.
import type { CasePackageSummary } from '../../../src-shared/case-package-contract';
import { formatBytes } from '../../format/bytes';
import { formatDateTime } from '../../format/time';
import { OTHER_ROWS_LABEL, otherRows, PACKAGE_TABLES } from './case-package-format';
import type { TransferProgress } from './store';
import '../../components/table.css';

export function PackageContents({ summary }: { summary: CasePackageSummary }) {
  const rows = PACKAGE_TABLES.filter(({ table }) => (summary.rowCounts[table] ?? 0) > 0);
  return (
    <div className="case-pkg" data-testid="case-package-contents">
      <dl className="case-pkg__facts">
        <dt>Investigation</dt>
        <dd>
          <span className="mono">{summary.investigationKey}</span> {summary.investigationTitle}
        </dd>
        <dt>Exported by</dt>
        <dd>
          {summary.exportedBy} from “{summary.vaultName}”
        </dd>
        <dt>Exported at</dt>
        <dd>{formatDateTime(summary.exportedAt)}</dd>
        <dt>Made with</dt>
        <dd>
          Vigil {summary.appVersion}, schema v{summary.schemaVersion}
        </dd>
      </dl>
      <table className="counts-table">
        <caption className="visually-hidden">Records in the package</caption>
        <thead>
          <tr>
            <th scope="col">Records</th>
            <th scope="col" className="align-end">
              In the package
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ table, label }) => (
            <tr key={table}>
              <th scope="row">{label}</th>
              <td className="align-end mono">{(summary.rowCounts[table] ?? 0).toLocaleString('en-US')}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{OTHER_ROWS_LABEL}</th>
            <td className="align-end mono">{otherRows(summary.rowCounts).toLocaleString('en-US')}</td>
          </tr>
        </tbody>
      </table>
      {summary.evidence.length > 0 && (
        <ul className="case-pkg__evidence" aria-label="Evidence files">
          {summary.evidence.map((item) => (
            <li key={item.sha256 + item.fileName}>
              {item.fileName} ({formatBytes(item.size)})<br />
              <span className="mono" title="SHA-256, checked again on import">
                SHA-256 {item.sha256}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function TransferProgressBar({ progress }: { progress: TransferProgress }) {
  const percent = progress.total && progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : null;
  return (
    <div className="case-pkg__progress" data-testid="case-package-progress">
      <label htmlFor="case-package-progress-bar">
        {progress.label}…{percent !== null && <span className="mono"> {percent}%</span>}
      </label>
      <progress id="case-package-progress-bar" max={100} value={percent ?? undefined} />
    </div>
  );
}
