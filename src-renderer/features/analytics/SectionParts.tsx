// The pieces every section of the analytics screen is built of: its frame with a heading and
// downloads, the CSV / JSON of exactly its data table, the table behind a chart, and a link to the
// list a figure counted.
import type { MouseEvent, ReactNode } from 'react';
import { Button } from '../../components/Button';
import { DataTable, type Column } from '../../components/DataTable';
import { saveText } from '../../kit/download';
import { hashFor } from '../../kit/navigation';
import type { Route } from '../../kit/pages';
import type { CsvValue } from '../../../src-shared/csv';
import type { StatsReport } from '../../../src-shared/analytics-model';
import { chartCsv, chartFileName, chartJson, type ChartTable } from '../../../src-shared/analytics-tables';

/** A link to a filtered list: a real href (new tab, copy), followed in place on a plain click. */
export function ListLink({ route, onOpen, label, children }: { route: Route; onOpen(route: Route): void; label?: string; children: ReactNode }) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onOpen(route);
  };
  return <a href={hashFor(route.page, route.param)} onClick={follow} aria-label={label}>{children}</a>;
}

/** "Download CSV / JSON" of exactly the rows of one chart's data table. */
export function Downloads<Row extends { [K in keyof Row]: CsvValue }>({ table, range, title }: { table: ChartTable<Row>; range: StatsReport['range']; title: string }) {
  return (
    <div className="analytics__downloads">
      <Button size="sm" aria-label={`Download CSV: ${title}`} data-testid={`download-csv-${table.name}`}
        onClick={() => saveText(chartFileName(table, range, 'csv'), chartCsv(table), 'text/csv')}>Download CSV</Button>
      <Button size="sm" aria-label={`Download JSON: ${title}`} data-testid={`download-json-${table.name}`}
        onClick={() => saveText(chartFileName(table, range, 'json'), chartJson(table, range), 'application/json')}>Download JSON</Button>
    </div>
  );
}

export function Section({ title, testId, actions, children }: { title: string; testId: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="analytics__section" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <div className="analytics__section-head">
        <h2 id={`${testId}-title`}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** The rows a per-day chart draws, folded away under it. */
export function DataBehind<Row extends { date: string }>({ label, rows, columns, testId }: { label: string; rows: Row[]; columns: Column<Row>[]; testId: string }) {
  return (
    <details className="analytics__data">
      <summary>Data table</summary>
      <DataTable label={label} rows={rows} columns={columns} rowKey={(row) => row.date} emptyMessage="No days in the range." testId={testId} />
    </details>
  );
}
