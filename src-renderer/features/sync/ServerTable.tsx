// A list the sync server's admin API answers (devices, members) as the Sync screen shows it: "Asking
// the server…" until the first answer, a sentence when it lists nothing, else a table that scrolls
// sideways on a narrow window, its columns named (the last, the row's actions, for screen readers only).
import type { ReactNode } from 'react';
import type { AsyncSlot } from '../../kit/async-slot';

export interface ServerTableColumn {
  /** The header; null for the actions column. */
  title: string | null;
  /** Its share of the table's width. */
  width: string;
}

interface ServerTableProps<T> {
  slot: AsyncSlot<T[]>;
  /** The rows' plural, for the region's label and the empty state ("devices"). */
  noun: string;
  caption: string;
  className: string;
  columns: readonly ServerTableColumn[];
  children: ReactNode;
}

export function ServerTable<T>({ slot, noun, caption, className, columns, children }: ServerTableProps<T>) {
  if (slot.status === 'loading' && slot.data.length === 0) return <p className="muted" aria-busy="true">Asking the server…</p>;
  if (slot.data.length === 0) return slot.status === 'ready' ? <p className="muted">The server lists no {noun}.</p> : null;
  return (
    <div className="table-scroll" role="region" aria-label={noun.charAt(0).toUpperCase() + noun.slice(1)} tabIndex={0}>
      <table className={`table ${className}`}>
        <caption className="visually-hidden">{caption}</caption>
        <colgroup>
          {columns.map((column, i) => <col key={i} style={{ width: column.width }} />)}
        </colgroup>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col">{column.title ?? <span className="visually-hidden">Actions</span>}</th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
