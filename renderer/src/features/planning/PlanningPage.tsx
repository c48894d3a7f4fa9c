// Renderer. « Planning » (`/planning`, maintainers): a week or a month of open OTs per technician (rows = people,
// columns = days, unassigned OTs in their own row), each person's load in hours against capacity (over capacity
// said in words, not by colour alone). A Responsable reschedules an OT with a date field (a dialog on its card),
// or moves its card by mouse or by keyboard (Space picks it up, arrows move it, Enter drops, Escape cancels; a
// live region says each step). Each move is `planning:reschedule` with the OT's version (compare-and-set).
// Technicians see the same planning read-only, their own row highlighted.
import { useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { PlanningOrder, PlanningPerson } from '../../../../shared/planning/contract';
import { useChannelMutation, useChannelQuery, type IpcError } from '../../api/query';
import { Alert } from '../../components/Alert';
import { Modal } from '../../components/Modal';
import { TextField } from '../../components/TextField';
import { formatMinutes } from '../work-orders/format';
import { addDays, dateOf, dayOf, isWeekend, monthRange, shiftPeriod, weekRange } from './planning-dates';
import './planning.css';

type Mode = 'week' | 'month';
/** A row: a person's id, or null for « Non affecté ». */
type RowId = number | null;
interface Moving {
  order: PlanningOrder;
  fromRow: RowId;
  row: RowId;
  day: string;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const hours = (minutes: number) => (minutes === 0 ? '0 h' : formatMinutes(minutes).replace(' h 00', ' h'));

export function PlanningPage() {
  const { t, i18n } = useTranslation();
  const [mode, setMode] = useState<Mode>('week');
  const [anchor, setAnchor] = useState(() => dayOf(new Date()));
  const range = mode === 'week' ? weekRange(anchor) : monthRange(anchor);
  const view = useChannelQuery(['planning', range.from, range.to], 'planning:view', range, { placeholderData: (previous) => previous });
  const [moving, setMoving] = useState<Moving | null>(null);
  const [announce, setAnnounce] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<{ order: PlanningOrder; row: RowId } | null>(null);
  const [capacityOf, setCapacityOf] = useState<PlanningPerson | null>(null);
  const gridRef = useRef<HTMLDivElement>(null);

  const data = view.data;
  const days = data?.days ?? [];
  const rows: RowId[] = useMemo(() => [...(data?.people ?? []).map((p) => p.id), null], [data]);
  const peopleById = useMemo(() => new Map((data?.people ?? []).map((p) => [p.id, p])), [data]);
  const canReschedule = data?.canReschedule ?? false;

  const dayLabel = (day: string, long = true) =>
    new Intl.DateTimeFormat(i18n.language, long ? { weekday: 'long', day: '2-digit', month: '2-digit' } : { weekday: 'short', day: 'numeric' }).format(dateOf(day));
  const personLabel = (row: RowId) => (row === null ? t('planning.unassigned') : (peopleById.get(row)?.displayName ?? ''));

  /** The cards of one cell: the OTs of that day assigned to that person (or to nobody). */
  const cells = useMemo(() => {
    const map = new Map<string, PlanningOrder[]>();
    for (const order of data?.orders ?? []) {
      const owners: RowId[] = order.assigneeIds.length === 0 ? [null] : order.assigneeIds;
      for (const owner of owners) {
        const key = `${owner ?? 'none'}|${order.day}`;
        map.set(key, [...(map.get(key) ?? []), order]);
      }
    }
    return map;
  }, [data]);

  const reschedule = useChannelMutation('planning:reschedule', {
    invalidates: ['planning', 'work-orders'],
    onError: (failure: IpcError) => {
      setError(failure.code === 'WORK_ORDER_CHANGED_MEANWHILE' ? t('planning.changedMeanwhile') : failure.fields?.[0] ? t(failure.fields[0].code as 'validation.invalid') : t(`errors.${failure.code}`));
      void view.refetch();
    },
  });

  const move = (order: PlanningOrder, fromRow: RowId, toRow: RowId, day: string) => {
    setError(null);
    if (toRow === fromRow && day === order.day) return;
    reschedule.mutate(
      { number: order.number, version: order.version, day, fromUserId: fromRow, toUserId: toRow },
      { onSuccess: () => setAnnounce(t('planning.dropped', { number: order.number, day: dayLabel(day), person: personLabel(toRow) })) },
    );
  };

  // After a keyboard drop the card lives in another cell once the planning is read again: keep the keyboard on it.
  const pendingFocus = useRef<string | null>(null);
  const focusCard = (orderId: number, row: RowId) => {
    pendingFocus.current = `${orderId}|${row ?? 'none'}`;
  };
  useEffect(() => {
    if (!pendingFocus.current) return;
    const card = gridRef.current?.querySelector<HTMLElement>(`[data-card="${pendingFocus.current}"]`);
    if (card) {
      card.focus();
      pendingFocus.current = null;
    }
  }, [data]);

  const onCardKey = (event: KeyboardEvent<HTMLButtonElement>, order: PlanningOrder, row: RowId) => {
    if (!canReschedule) return;
    if (!moving) {
      if (event.key === ' ') {
        event.preventDefault();
        setMoving({ order, fromRow: row, row, day: order.day });
        setAnnounce(t('planning.picked', { number: order.number, day: dayLabel(order.day), person: personLabel(row) }));
      }
      return;
    }
    if (moving.order.id !== order.id || moving.fromRow !== row) return;
    const rowIndex = rows.indexOf(moving.row);
    let next: Moving | null = null;
    switch (event.key) {
      case 'ArrowLeft':
        next = { ...moving, day: days.includes(addDays(moving.day, -1)) ? addDays(moving.day, -1) : moving.day };
        break;
      case 'ArrowRight':
        next = { ...moving, day: days.includes(addDays(moving.day, 1)) ? addDays(moving.day, 1) : moving.day };
        break;
      case 'ArrowUp':
        next = { ...moving, row: rows[Math.max(0, rowIndex - 1)] };
        break;
      case 'ArrowDown':
        next = { ...moving, row: rows[Math.min(rows.length - 1, rowIndex + 1)] };
        break;
      case 'Enter':
      case ' ':
        event.preventDefault();
        setMoving(null);
        move(moving.order, moving.fromRow, moving.row, moving.day);
        focusCard(moving.order.id, moving.row);
        return;
      case 'Escape':
        event.preventDefault();
        setMoving(null);
        setAnnounce(t('planning.cancelled', { number: moving.order.number }));
        return;
      default:
        return;
    }
    event.preventDefault();
    setMoving(next);
    setAnnounce(t('planning.over_', { day: dayLabel(next.day), person: personLabel(next.row) }));
  };

  const onDrop = (event: DragEvent<HTMLTableCellElement>, row: RowId, day: string) => {
    event.preventDefault();
    const [orderId, fromKey] = event.dataTransfer.getData('text/plain').split('|');
    const order = data?.orders.find((o) => o.id === Number(orderId));
    if (!order) return;
    move(order, fromKey === 'none' ? null : Number(fromKey), row, day);
  };

  const periodTitle =
    mode === 'week'
      ? t('planning.periodWeek', { from: new Intl.DateTimeFormat(i18n.language).format(dateOf(range.from)), to: new Intl.DateTimeFormat(i18n.language).format(dateOf(range.to)) })
      : capitalise(new Intl.DateTimeFormat(i18n.language, { month: 'long', year: 'numeric' }).format(dateOf(anchor)));

  return (
    <section className={`planning planning--${mode}`} aria-labelledby="planning-title">
      <div className="list-page__header">
        <h1 id="planning-title">{t('planning.title')}</h1>
      </div>
      <p className="lead">{t('planning.intro')}</p>
      {data && !canReschedule ? <Alert tone="info">{t('planning.readOnly')}</Alert> : null}
      <div className="planning-toolbar">
        <div role="group" aria-label={t('planning.viewLabel')} className="planning-toggle">
          {(['week', 'month'] as const).map((m) => (
            <button key={m} type="button" className="button" aria-pressed={mode === m} onClick={() => setMode(m)}>
              {t(`planning.${m}`)}
            </button>
          ))}
        </div>
        <button type="button" className="button button--ghost" onClick={() => setAnchor(shiftPeriod(anchor, mode, -1))}>
          ← {t('planning.previous')}
        </button>
        <button type="button" className="button button--ghost" onClick={() => setAnchor(dayOf(new Date()))}>
          {t('planning.today')}
        </button>
        <button type="button" className="button button--ghost" onClick={() => setAnchor(shiftPeriod(anchor, mode, 1))}>
          {t('planning.next')} →
        </button>
        <h2 className="planning-period">{periodTitle}</h2>
      </div>
      {canReschedule ? (
        <p id="planning-keyboard-help" className="muted">
          {t('planning.instructions')}
        </p>
      ) : null}
      <div aria-live="assertive" className="visually-hidden" data-testid="planning-live">
        {announce}
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {view.isError ? <Alert tone="error">{t(`errors.${view.error.code}`)}</Alert> : null}
      {view.isPending ? <p>{t('planning.loading')}</p> : null}
      {data ? (
        <div className="planning-scroll" ref={gridRef}>
          <table className="planning-grid">
            <thead>
              <tr>
                <th scope="col" className="planning-grid__corner">
                  {t('planning.person')}
                </th>
                {days.map((day) => (
                  <th key={day} scope="col" className={isWeekend(day) ? 'planning-day planning-day--weekend' : 'planning-day'}>
                    {dayLabel(day, mode === 'week')}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const person = row === null ? null : (peopleById.get(row) ?? null);
                const over = person ? person.loadMinutes - person.capacityMinutes : 0;
                const mine = row !== null && row === data.me;
                return (
                  <tr key={row ?? 'none'} className={`${mine ? 'planning-row--me' : ''}${over > 0 ? ' planning-row--over' : ''}`}>
                    <th scope="row" className="planning-person">
                      <span className="planning-person__name">
                        {person ? person.displayName : t('planning.unassigned')} {mine ? <span className="planning-you">{t('planning.you')}</span> : null}
                      </span>
                      {person ? (
                        <span className="planning-load">
                          <meter min={0} max={Math.max(person.capacityMinutes, 1)} value={Math.min(person.loadMinutes, person.capacityMinutes)} aria-hidden="true" />
                          <span aria-hidden="true">{t('planning.load', { load: hours(person.loadMinutes), capacity: hours(person.capacityMinutes) })}</span>
                          <span className="visually-hidden">{t('planning.loadLabel', { load: hours(person.loadMinutes), capacity: hours(person.capacityMinutes) })}</span>
                        </span>
                      ) : (
                        <span className="planning-load">{hours(data.unassignedMinutes)}</span>
                      )}
                      {over > 0 ? <strong className="planning-over">⚠ {t('planning.over', { hours: hours(over) })}</strong> : null}
                      {person && canReschedule ? (
                        <button type="button" className="planning-capacity" onClick={() => setCapacityOf(person)} aria-label={`${t('planning.editCapacity')} — ${person.displayName}`}>
                          {t('planning.editCapacity')} : {t('planning.weekly', { hours: hours(person.weeklyMinutes) })}
                        </button>
                      ) : null}
                    </th>
                    {days.map((day) => {
                      const key = `${row ?? 'none'}|${day}`;
                      const orders = cells.get(key) ?? [];
                      const isTarget = moving !== null && moving.row === row && moving.day === day;
                      return (
                        <td
                          key={day}
                          className={`planning-cell${isWeekend(day) ? ' planning-cell--weekend' : ''}${isTarget ? ' planning-cell--target' : ''}`}
                          aria-label={t('planning.cellLabel', { person: personLabel(row), day: dayLabel(day) })}
                          data-cell={key}
                          onDragOver={canReschedule ? (event) => event.preventDefault() : undefined}
                          onDrop={canReschedule ? (event) => onDrop(event, row, day) : undefined}
                        >
                          {orders.map((order) => (
                            <PlanningCard
                              key={order.id}
                              order={order}
                              row={row}
                              compact={mode === 'month'}
                              canReschedule={canReschedule}
                              moving={moving?.order.id === order.id && moving.fromRow === row}
                              onKeyDown={(event) => onCardKey(event, order, row)}
                              onOpen={() => setDialog({ order, row })}
                            />
                          ))}
                          {isTarget && moving && (moving.row !== moving.fromRow || moving.day !== moving.order.day) ? (
                            <div className="planning-ghost" aria-hidden="true">
                              {moving.order.number}
                            </div>
                          ) : null}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {data.orders.length === 0 ? <p className="muted">{t('planning.empty')}</p> : null}
        </div>
      ) : null}
      {dialog ? <RescheduleDialog order={dialog.order} onCancel={() => setDialog(null)} onSave={(day) => { setDialog(null); move(dialog.order, dialog.row, dialog.row, day); }} /> : null}
      {capacityOf ? <CapacityDialog person={capacityOf} onClose={() => setCapacityOf(null)} /> : null}
    </section>
  );
}

function PlanningCard(props: {
  order: PlanningOrder;
  row: RowId;
  compact: boolean;
  canReschedule: boolean;
  moving: boolean;
  onKeyDown: (event: KeyboardEvent<HTMLButtonElement>) => void;
  onOpen: () => void;
}) {
  const { t } = useTranslation();
  const { order } = props;
  const estimate = order.estimatedMinutes === null ? t('planning.noEstimate') : hours(order.estimatedMinutes);
  const typeLabel = t(`workOrders.types.${order.type}`);
  const label = [order.number, order.equipmentCode, order.title, typeLabel, estimate, order.placedBy === 'due' ? t('planning.byDue') : null, props.moving ? t('planning.moving') : null].filter(Boolean).join(', ');
  const content = (
    <>
      <span className="planning-card__number">{props.compact ? order.number.slice(-6) : order.number}</span>
      <span className="planning-card__equipment">{order.equipmentCode}</span>
      <span className="planning-card__hours">{order.estimatedMinutes === null ? '—' : hours(order.estimatedMinutes)}</span>
      {props.compact ? null : <span className="planning-card__type">{typeLabel}</span>}
      {order.placedBy === 'due' ? <span className="planning-card__due" title={t('planning.byDue')}>⏱</span> : null}
    </>
  );
  const className = `planning-card planning-card--${order.type}${props.moving ? ' planning-card--moving' : ''}`;
  if (!props.canReschedule) {
    return (
      <Link to="/ot/$number" params={{ number: order.number } as never} className={className} aria-label={label} title={order.title}>
        {content}
      </Link>
    );
  }
  return (
    <button
      type="button"
      className={className}
      aria-label={label}
      aria-describedby="planning-keyboard-help"
      aria-pressed={props.moving}
      title={order.title}
      draggable
      data-card={`${order.id}|${props.row ?? 'none'}`}
      onDragStart={(event) => event.dataTransfer.setData('text/plain', `${order.id}|${props.row ?? 'none'}`)}
      onKeyDown={props.onKeyDown}
      onClick={(event) => {
        // Space picks the card up (keyboard move); a click or Enter opens the date dialog.
        if (event.detail === 0 && props.moving) return;
        if (!props.moving) props.onOpen();
      }}
    >
      {content}
    </button>
  );
}

function RescheduleDialog({ order, onCancel, onSave }: { order: PlanningOrder; onCancel: () => void; onSave: (day: string) => void }) {
  const { t } = useTranslation();
  const [day, setDay] = useState(order.day);
  return (
    <Modal title={t('planning.rescheduleTitle', { number: order.number })} onEscape={onCancel}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (/^\d{4}-\d{2}-\d{2}$/.test(day)) onSave(day);
        }}
      >
        <p>
          {order.equipmentCode} — {order.title}
        </p>
        <TextField type="date" label={t('planning.newDate')} value={day} required onChange={(event) => setDay(event.target.value)} />
        <div className="modal__actions">
          <Link to="/ot/$number" params={{ number: order.number } as never}>
            {t('planning.openOrder')}
          </Link>
          <button type="button" className="button button--ghost" onClick={onCancel}>
            {t('planning.cancel')}
          </button>
          <button type="submit" className="button button--primary">
            {t('planning.reschedule')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function CapacityDialog({ person, onClose }: { person: PlanningPerson; onClose: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(String(person.weeklyMinutes / 60));
  const save = useChannelMutation('planning:setCapacity', { invalidates: ['planning'], onSuccess: onClose });
  const value = Number(text.replace(',', '.'));
  const invalid = text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 80;
  return (
    <Modal title={t('planning.capacityTitle', { name: person.displayName })} onEscape={onClose}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!invalid) save.mutate({ userId: person.id, weeklyHours: value });
        }}
      >
        <TextField label={t('planning.capacityField')} inputMode="decimal" value={text} error={invalid ? t('validation.outOfRange') : undefined} onChange={(event) => setText(event.target.value)} />
        {save.isError ? <Alert tone="error">{t(`errors.${save.error.code}`)}</Alert> : null}
        <div className="modal__actions">
          <button type="button" className="button button--ghost" onClick={onClose}>
            {t('planning.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={save.isPending}>
            {t('planning.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
