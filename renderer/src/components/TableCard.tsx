// Renderer. A titled card holding a table, or a sentence when there is nothing to list.
import type { ReactNode } from 'react';

export function TableCard<Row>(props: {
  id: string;
  title: string;
  emptyText: string;
  columns: readonly string[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  /** The cells of one row, in the order of `columns`. */
  cells: (row: Row) => ReactNode[];
  /** Shown between the title and the table (a summary, a refresh button). */
  actions?: ReactNode;
  /** `full`: wider than a form, for tables with many columns. */
  width?: 'wide' | 'full';
}) {
  return (
    <section className={`card card--${props.width ?? 'wide'}`} aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.actions}
      {props.rows.length === 0 ? (
        <p className="muted">{props.emptyText}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              {props.columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr key={props.rowKey(row)}>
                {props.cells(row).map((cell, index) => (
                  <td key={index}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
