// A dense table with a sticky header inside its own scroll area, ellipsis for long values (full value
// in the title attribute), and the three states every list has: loading, empty, filled.
import type { ReactNode } from 'react';
import './table.css';

export interface Column<Row> {
  id: string;
  header: ReactNode;
  cell(row: Row): ReactNode;
  /** Full text for a truncated cell's tooltip; when given, the cell truncates with an ellipsis. */
  fullText?(row: Row): string | undefined;
  width?: string;
  align?: 'start' | 'end';
  mono?: boolean;
  /** This column names the row for screen readers (<th scope="row">). */
  rowHeader?: boolean;
  /** How the list is sorted by this column, when it can be (aria-sort on the header). */
  ariaSort?: 'ascending' | 'descending' | 'none';
}

export interface DataTableProps<Row> {
  /** Names the table and its scroll region for assistive technology. */
  label: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey(row: Row): string;
  loading?: boolean;
  emptyMessage: ReactNode;
  rowClassName?(row: Row): string | undefined;
  testId?: string;
}

export function DataTable<Row>({ label, columns, rows, rowKey, loading = false, emptyMessage, rowClassName, testId }: DataTableProps<Row>) {
  const showPlaceholder = rows.length === 0;
  return (
    // Focusable so keyboard users can scroll a table that has no controls in it.
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0} data-testid={testId}>
      <table className="table" aria-busy={loading || undefined}>
        <caption className="visually-hidden">{label}</caption>
        <colgroup>
          {columns.map((column) => (
            <col key={column.id} style={column.width ? { width: column.width } : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.id} scope="col" aria-sort={column.ariaSort} className={column.align === 'end' ? 'align-end' : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {showPlaceholder ? (
            <tr className="table__placeholder">
              <td colSpan={columns.length}>{loading ? 'Loading…' : emptyMessage}</td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={rowKey(row)} className={rowClassName?.(row)}>
                {columns.map((column) => (
                  <TableCell key={column.id} column={column} row={row} />
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function TableCell<Row>({ column, row }: { column: Column<Row>; row: Row }) {
  const fullText = column.fullText?.(row);
  const classes = [column.mono ? 'mono' : '', column.align === 'end' ? 'align-end' : ''].filter(Boolean).join(' ') || undefined;
  const content = column.fullText ? (
    <span className="truncate" title={fullText}>
      {column.cell(row)}
    </span>
  ) : (
    column.cell(row)
  );
  return column.rowHeader ? (
    <th scope="row" className={classes}>
      {content}
    </th>
  ) : (
    <td className={classes}>{content}</td>
  );
}
