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
  /** Extra classes for the card (e.g. a wider one). */
  className?: string;
  /** Buttons shown beside the title (e.g. an export). */
  actions?: ReactNode;
  /** Shown between the title and the table (e.g. a count or a status line). */
  summary?: ReactNode;
  /** Shown under the table (e.g. pagination). */
  footer?: ReactNode;
  /** A table with many columns may use the full width of the page. */
  fullWidth?: boolean;
}) {
  const title = <h2 id={props.id}>{props.title}</h2>;
  return (
    <section className={`card ${props.fullWidth ? 'card--full' : 'card--wide'}${props.className ? ` ${props.className}` : ''}`} aria-labelledby={props.id}>
      {props.actions ? (
        <div className="table-card__header">
          {title}
          <div className="table-card__actions">{props.actions}</div>
        </div>
      ) : (
        title
      )}
      {props.summary}
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
      {props.footer}
    </section>
  );
}
