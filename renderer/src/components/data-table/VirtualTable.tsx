// Renderer. The long lists' table (OT, DI): TanStack Table for the columns and rows, TanStack Virtual so only the
// rows on screen are in the DOM (fixed 56 px rows: shop-floor targets), server-side sort from the headers
// (aria-sort), and keyset pages asked for as the person nears either end (the caller's useInfiniteQuery keeps a
// few pages only). Rows are focusable; Enter or a click opens one; ↑/↓ move between rows.
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { tableFeatures, useTable, type ColumnDef, type RowData } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import './data-table.css';

export type SortDirection = 'asc' | 'desc';

export interface DataColumn<Row, Sort extends string = string> {
  id: string;
  header: string;
  cell: (row: Row) => ReactNode;
  /** CSS width of the column (the table's layout is fixed: nothing moves as pages arrive). */
  width: string;
  /** The server sort this header asks for, if it sorts. */
  sort?: Sort;
}

export interface VirtualTableProps<Row extends RowData, Sort extends string> {
  label: string;
  columns: readonly DataColumn<Row, Sort>[];
  rows: readonly Row[];
  getRowId: (row: Row) => string;
  /** A short name of the row for screen readers ("OT-2026-000123 Fuite vérin"). */
  getRowLabel: (row: Row) => string;
  sort: { key: Sort; direction: SortDirection };
  onSort: (key: Sort, direction: SortDirection) => void;
  /** Which direction a header sorts first (dates soonest, numbers smallest…). */
  firstDirection?: (key: Sort) => SortDirection;
  onOpen: (row: Row) => void;
  hasNext: boolean;
  hasPrevious: boolean;
  fetching: boolean;
  onNext: () => void;
  onPrevious: () => void;
  loading: boolean;
  emptyText: string;
  loadMoreText: string;
  loadingText: string;
  rowClassName?: (row: Row) => string | undefined;
  /** Height of the scroll area; by default the rest of the window below the table's top (at least 20 rem). */
  height?: string;
}

export const ROW_HEIGHT = 56;
/** Ask for the next page when fewer than this many rows remain below the screen. */
const PREFETCH_ROWS = 15;

const features = tableFeatures({});

export function VirtualTable<Row extends RowData, Sort extends string>(props: VirtualTableProps<Row, Sort>) {
  const { columns, rows, getRowId, sort, onSort, onOpen, hasNext, hasPrevious, fetching, onNext, onPrevious } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const fill = useFillHeight(scrollRef);

  const columnDefs = useMemo<ColumnDef<typeof features, Row>[]>(
    () => columns.map((column) => ({ id: column.id, header: column.header, accessorFn: (row: Row) => row, cell: (info) => column.cell(info.row.original) })),
    [columns],
  );
  const data = useMemo(() => [...rows], [rows]);
  const table = useTable({ features, columns: columnDefs, data, getRowId: (row) => getRowId(row) });
  const tableRows = table.getRowModel().rows;

  // TanStack Virtual hands back functions the React Compiler cannot memoize: this component is simply left
  // uncompiled (it re-renders on scroll by design).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: tableRows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const items = virtualizer.getVirtualItems();

  // Pages dropped at one end or added at the other shift every index: keep the row at the top of the screen where
  // it was, by its id, so the person never sees the list jump.
  const anchor = useRef<{ id: string; offset: number } | null>(null);
  useLayoutEffect(() => {
    const element = scrollRef.current;
    const kept = anchor.current;
    if (element && kept) {
      const index = tableRows.findIndex((row) => row.id === kept.id);
      if (index >= 0) {
        const top = index * ROW_HEIGHT + kept.offset;
        if (Math.abs(element.scrollTop - top) >= 1) element.scrollTop = top;
      }
    }
  }, [tableRows]);
  const remember = () => {
    const element = scrollRef.current;
    if (!element || tableRows.length === 0) return;
    const index = Math.min(tableRows.length - 1, Math.floor(element.scrollTop / ROW_HEIGHT));
    anchor.current = { id: tableRows[index].id, offset: element.scrollTop - index * ROW_HEIGHT };
  };

  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  useLayoutEffect(() => {
    if (fetching || tableRows.length === 0) return;
    if (hasNext && last >= tableRows.length - PREFETCH_ROWS) onNext();
    else if (hasPrevious && first <= 5) onPrevious();
  }, [first, last, fetching, hasNext, hasPrevious, onNext, onPrevious, tableRows.length]);

  const focusRow = (index: number) => {
    if (index < 0 || index >= tableRows.length) return;
    virtualizer.scrollToIndex(index, { align: 'auto' });
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus());
  };

  const onRowKey = (event: KeyboardEvent<HTMLTableRowElement>, index: number, row: Row) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      onOpen(row);
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      focusRow(index + 1);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      focusRow(index - 1);
    }
  };

  const paddingTop = items.length > 0 ? items[0].start : 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const sortOf = (id: string) => columns.find((column) => column.id === id)?.sort;

  return (
    <div className="data-table">
      <div ref={scrollRef} className="data-table__scroll" style={{ height: props.height ?? fill }} onScroll={remember}>
        <table className="data-table__table" aria-label={props.label} aria-rowcount={tableRows.length + 1} aria-busy={props.loading || fetching}>
          <colgroup>
            {columns.map((column) => (
              <col key={column.id} style={{ width: column.width }} />
            ))}
          </colgroup>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const key = sortOf(header.column.id);
                  const active = key !== undefined && key === sort.key;
                  const ariaSort = active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : key ? 'none' : undefined;
                  const title = columns.find((column) => column.id === header.column.id)?.header ?? '';
                  return (
                    <th key={header.id} scope="col" aria-sort={ariaSort}>
                      {key ? (
                        <button
                          type="button"
                          className="data-table__sort"
                          onClick={() => onSort(key, active ? (sort.direction === 'asc' ? 'desc' : 'asc') : (props.firstDirection?.(key) ?? 'asc'))}
                        >
                          <span>{title}</span>
                          <span aria-hidden="true" className="data-table__sort-mark">
                            {active ? (sort.direction === 'asc' ? '▲' : '▼') : '↕'}
                          </span>
                        </button>
                      ) : (
                        title
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {paddingTop > 0 ? (
              <tr aria-hidden="true" className="data-table__spacer">
                <td colSpan={columns.length} style={{ height: paddingTop }} />
              </tr>
            ) : null}
            {items.map((item) => {
              const row = tableRows[item.index];
              const extra = props.rowClassName?.(row.original);
              return (
                <tr
                  key={row.id}
                  data-index={item.index}
                  aria-rowindex={item.index + 2}
                  aria-label={props.getRowLabel(row.original)}
                  tabIndex={0}
                  className={`data-table__row${extra ? ` ${extra}` : ''}`}
                  style={{ height: ROW_HEIGHT }}
                  onClick={() => onOpen(row.original)}
                  onKeyDown={(event) => onRowKey(event, item.index, row.original)}
                >
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id}>
                      <table.FlexRender cell={cell} />
                    </td>
                  ))}
                </tr>
              );
            })}
            {paddingBottom > 0 ? (
              <tr aria-hidden="true" className="data-table__spacer">
                <td colSpan={columns.length} style={{ height: paddingBottom }} />
              </tr>
            ) : null}
          </tbody>
        </table>
        {!props.loading && tableRows.length === 0 ? <p className="data-table__empty">{props.emptyText}</p> : null}
        {hasNext ? (
          <div className="data-table__more">
            <button type="button" className="button button--secondary" disabled={fetching} onClick={onNext}>
              {fetching ? props.loadingText : props.loadMoreText}
            </button>
          </div>
        ) : null}
      </div>
      <p className="visually-hidden" role="status">
        {props.loading || fetching ? props.loadingText : ''}
      </p>
    </div>
  );
}

/** The window's height below the element, kept as the window is resized: the table fills the screen. */
function useFillHeight(ref: { current: HTMLElement | null }): string {
  const [height, setHeight] = useState('20rem');
  useEffect(() => {
    const measure = () => {
      const element = ref.current;
      if (!element) return;
      const top = element.getBoundingClientRect().top + window.scrollY;
      setHeight(`${Math.max(320, window.innerHeight - top - 16)}px`);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [ref]);
  return height;
}
