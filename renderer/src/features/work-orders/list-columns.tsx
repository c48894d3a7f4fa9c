// Renderer. The OT table's columns and the small cells both OT lists show (status, due date with "en retard").
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '@tanstack/react-router';
import type { WorkOrderListRow, WorkOrderSort } from '../../../../shared/contract';
import type { DataColumn } from '../../components/data-table/VirtualTable';

/** A due date as the list shows it: the day (the hour is in the tooltip). */
export function useDayFormatter(): (ms: number) => string {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const day = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short' });
    return (ms: number) => day.format(ms);
  }, [i18n.language]);
}

export function StatusBadge({ row, t }: { row: WorkOrderListRow; t: TFunction }) {
  const label = row.status === 'on_hold' && row.holdReason ? t('workOrdersList.onHoldFor', { reason: t(`workOrdersList.hold.${row.holdReason}`) }) : t(`workOrdersList.status.${row.status}`);
  return <span className={`list-status list-status--${row.status}`}>{label}</span>;
}

/** Overdue in red with an icon and the word, never colour alone. */
export function DueCell({ row, t, format }: { row: WorkOrderListRow; t: TFunction; format: (ms: number) => string }) {
  if (row.dueAt === null) return <span className="muted-inline">{t('workOrdersList.noDue')}</span>;
  if (!row.overdue) return <span>{format(row.dueAt)}</span>;
  return (
    <span className="list-overdue">
      <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" focusable="false">
        <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" strokeWidth="2.5" />
        <path d="M12 6v7l4 2" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
      </svg>
      {format(row.dueAt)}
      <span className="visually-hidden"> — {t('workOrdersList.overdue')}</span>
    </span>
  );
}

export function workOrderColumns(t: TFunction, format: (ms: number) => string): DataColumn<WorkOrderListRow, WorkOrderSort>[] {
  return [
    {
      // Number and title in one cell (the title under the number): at 1280 px beside the sidebar, two narrow
      // columns left the title a few letters wide.
      id: 'number',
      header: `${t('workOrdersList.columns.number')} · ${t('workOrdersList.columns.title')}`,
      width: 'auto',
      sort: 'number',
      cell: (row) => (
        <span className="list-cell-two" title={row.title}>
          {/* The row itself is the keyboard target; the link is for the mouse (and copies as a real address). */}
          <Link to="/ot/$number" params={{ number: row.number }} className="list-link" tabIndex={-1} onClick={(event) => event.stopPropagation()}>
            {row.number}
          </Link>
          <span className="list-sub">{row.title}</span>
        </span>
      ),
    },
    {
      id: 'equipment',
      header: t('workOrdersList.columns.equipment'),
      width: '15%',
      sort: 'equipment',
      cell: (row) => (
        <span className="list-cell-two">
          <strong>{row.equipmentCode}</strong>
          <span className="list-sub">{row.equipmentDesignation}</span>
        </span>
      ),
    },
    { id: 'location', header: t('workOrdersList.columns.location'), width: '10%', cell: (row) => row.locationName ?? '' },
    { id: 'status', header: t('workOrdersList.columns.status'), width: '7.5rem', sort: 'status', cell: (row) => <StatusBadge row={row} t={t} /> },
    {
      id: 'priority',
      header: t('workOrdersList.columns.priority'),
      width: '7rem',
      sort: 'priority',
      cell: (row) => <span className={`list-priority--${row.priority}`}>{t(`workOrdersList.priority.${String(row.priority) as '1'}`)}</span>,
    },
    { id: 'due', header: t('workOrdersList.columns.due'), width: '8.5rem', sort: 'due', cell: (row) => <DueCell row={row} t={t} format={format} /> },
    {
      id: 'assignees',
      header: t('workOrdersList.columns.assignees'),
      width: '10%',
      cell: (row) => (row.assignees.length > 0 ? <span title={row.assignees.join(', ')}>{row.assignees.join(', ')}</span> : <span className="muted-inline">{t('workOrdersList.unassigned')}</span>),
    },
  ];
}
