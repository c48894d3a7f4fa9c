// Renderer. One OT's page (/ot/$number), made for the shop floor (1280×800, 48 px targets, readable at a distance):
// the header (number, title, status, priority, type, equipment, the DI it came from), big buttons for exactly the
// actions the shared state machine allows this person (main decides again), my running clock, the time entries
// with totals, comments, the history (who, when, which workstation), the sheet to print, and the planning card
// for managers. When another PC changed the OT meanwhile, the page reloads it and keeps what was typed.
import { downloadBase64 } from '../../components/download-file';
import { AttachmentsPanel } from '../attachments/AttachmentsPanel';
import { WorkOrderStepsPanel } from '../checklists/WorkOrderStepsPanel';
import { WorkOrderPartsPanel } from '../stock/WorkOrderPartsPanel';
import { WorkOrderCostPanel } from '../costs/WorkOrderCostPanel';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransitionInput, WorkOrderView } from '../../../../shared/work-orders/contract';
import type { WorkOrderAction } from '../../../../shared/work-orders/transitions';
import { Alert } from '../../components/Alert';
import { CommentsCard, HistoryCard, PlanningCard, TimeCard } from './WorkOrderCards';
import { CancelDialog, CloseDialog, FinishDialog, PauseDialog } from './WorkOrderDialogs';
import { formatDate, formatMinutes } from './format';
import { callChannel, errorCode, errorText, fieldIssues, useReferenceList, useWorkOrder } from './work-orders-api';
import './work-orders.css';

type ActionBody = TransitionInput extends infer T ? (T extends unknown ? Omit<T, 'number' | 'version'> : never) : never;

const STATUS_TONE: Record<WorkOrderView['status'], string> = {
  draft: 'off',
  planned: 'neutral',
  in_progress: 'ok',
  on_hold: 'warning',
  done: 'ok',
  closed: 'off',
  cancelled: 'danger',
};


export function WorkOrderPage() {
  const { t } = useTranslation();
  const params = useParams({ strict: false }) as { number?: string };
  const number = (params.number ?? '').toUpperCase();
  const query = useWorkOrder(number);

  if (query.isPending) return <p role="status">{t('workOrders.page.loading')}</p>;
  if (query.isError || !query.data) {
    return (
      <section className="card card--wide">
        <Alert tone="error">{errorCode(query.error) === 'NOT_FOUND' ? t('workOrders.page.notFound') : errorText(query.error)}</Alert>
      </section>
    );
  }
  return <WorkOrderView order={query.data} refetch={() => query.refetch()} />;
}

function WorkOrderView({ order, refetch }: { order: WorkOrderView; refetch: () => Promise<unknown> }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<WorkOrderAction | null>(null);
  const [notice, setNotice] = useState<{ tone: 'error' | 'success' | 'info'; text: string } | null>(null);

  const transition = useMutation({
    mutationFn: (body: ActionBody) => callChannel('workOrders:transition', { ...body, number: order.number, version: order.version } as TransitionInput),
    onSuccess: async () => {
      setDialog(null);
      setNotice({ tone: 'success', text: t('workOrders.page.done') });
      await queryClient.invalidateQueries({ queryKey: ['work-orders'] });
    },
    onError: async (error) => {
      if (errorCode(error) === 'WORK_ORDER_CHANGED_MEANWHILE') {
        // Reload the OT; an open dialog stays open with what was typed, and the next try uses the new version.
        await refetch();
        setNotice({ tone: 'info', text: t('workOrders.page.changedMeanwhile') });
      }
    },
  });
  const print = useMutation({
    mutationFn: () => callChannel('workOrders:printSheet', { number: order.number }),
    onSuccess: (sheet) => downloadBase64(sheet.fileName, sheet.base64, 'application/pdf'),
  });

  const run = (body: ActionBody) => {
    setNotice(null);
    transition.mutate(body);
  };
  const onAction = (action: WorkOrderAction) => {
    transition.reset();
    if (action === 'pause' || action === 'finish' || action === 'cancel' || action === 'close') setDialog(action);
    else run({ action } as ActionBody);
  };
  const dialogError = transition.isError && errorCode(transition.error) !== 'VALIDATION_FAILED' ? errorText(transition.error) : null;
  const closeDialog = () => {
    setDialog(null);
    transition.reset();
  };
  const runningHere = order.myRunningEntry?.workOrderNumber === order.number;
  const actions = order.allowedActions.filter((action) => !(action === 'start' && order.status === 'in_progress' && runningHere));
  const locale = i18n.language;

  return (
    <div className="wo-page">
      <header className="wo-header card card--full">
        <div className="wo-header__main">
          <p className="wo-header__number">{order.number}</p>
          <h1>{order.title}</h1>
          <ul className="badges wo-header__badges">
            <li className={`badge badge--${STATUS_TONE[order.status]} wo-status`}>{t(`workOrders.statuses.${order.status}`)}</li>
            <li className="badge badge--neutral">{t(`workOrders.priorities.${String(order.priority) as '1'}`)}</li>
            <li className="badge badge--neutral">{t(`workOrders.types.${order.type}`)}</li>
          </ul>
        </div>
        <dl className="wo-facts">
          <div>
            <dt>{t('workOrders.page.equipment')}</dt>
            <dd>
              <Link to="/equipements/$code" params={{ code: order.equipment.code }} className="wo-link">
                {order.equipment.code} — {order.equipment.designation}
              </Link>
            </dd>
          </div>
          <div>
            <dt>{t('workOrders.page.location')}</dt>
            <dd>{order.equipment.locationPath.join(' › ') || '—'}</dd>
          </div>
          {order.request ? (
            <div>
              <dt>{t('workOrders.page.request')}</dt>
              <dd>
                <Link to="/demandes/$number" params={{ number: order.request.number }} className="wo-link">
                  {order.request.number}
                </Link>
              </dd>
            </div>
          ) : null}
        </dl>
      </header>

      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      {transition.isError && !dialog && errorCode(transition.error) !== 'WORK_ORDER_CHANGED_MEANWHILE' ? <Alert tone="error">{errorText(transition.error)}</Alert> : null}
      {order.status === 'closed' ? <Alert tone="info">{t('workOrders.page.locked')}</Alert> : null}
      {order.status === 'cancelled' ? <Alert tone="info">{t('workOrders.page.cancelledInfo', { reason: order.cancelReason ?? '' })}</Alert> : null}
      {order.status === 'on_hold' && order.holdReason ? (
        <Alert tone="info">
          {t('workOrders.page.onHoldInfo', { reason: t(`workOrders.holdReasons.${order.holdReason}`) + (order.holdNote ? ` (${order.holdNote})` : '') })}
        </Alert>
      ) : null}
      <RunningClock order={order} />

      <section className="card card--full wo-actions" aria-labelledby="wo-actions-title">
        <h2 id="wo-actions-title" className="visually-hidden-heading">
          {t('workOrders.page.actionsTitle')}
        </h2>
        <div className="wo-actions__row">
          {actions.map((action) => (
            <button
              key={action}
              type="button"
              className={`button wo-action ${action === 'cancel' ? 'button--danger' : action === 'start' || action === 'resume' || action === 'finish' ? 'button--primary' : 'button--ghost'}`}
              disabled={transition.isPending}
              onClick={() => onAction(action)}
            >
              {action === 'start' && order.status === 'in_progress' ? t('workOrders.actions.join') : t(`workOrders.actions.${action}`)}
            </button>
          ))}
          {actions.length === 0 && order.status !== 'closed' && order.status !== 'cancelled' ? <p className="muted-inline">{t('workOrders.page.noActions')}</p> : null}
          <button type="button" className="button button--ghost wo-action wo-action--print" disabled={print.isPending} onClick={() => print.mutate()}>
            {print.isPending ? t('workOrders.page.printing') : t('workOrders.page.print')}
          </button>
        </div>
        {print.isError ? <Alert tone="error">{errorText(print.error)}</Alert> : null}
      </section>

      <WorkOrderStepsPanel order={order} />
      <div className="wo-columns">
        <div className="wo-column">
          <section className="card card--full" aria-labelledby="wo-details-title">
            <h2 id="wo-details-title">{t('workOrders.page.description')}</h2>
            <p className="wo-description">{order.description || t('workOrders.page.noDescription')}</p>
            {order.request ? (
              <>
                <h3>{t('workOrders.page.requestSymptom')}</h3>
                <p className="wo-description">{order.request.symptom}</p>
              </>
            ) : null}
            <dl className="wo-facts wo-facts--grid">
              <div>
                <dt>{t('workOrders.page.plannedAt')}</dt>
                <dd>{formatDate(order.plannedAt, locale)}</dd>
              </div>
              <div>
                <dt>{t('workOrders.page.dueAt')}</dt>
                <dd>{formatDate(order.dueAt, locale)}</dd>
              </div>
              <div>
                <dt>{t('workOrders.page.estimated')}</dt>
                <dd>{formatMinutes(order.estimatedMinutes)}</dd>
              </div>
              <div>
                <dt>{t('workOrders.page.assignees')}</dt>
                <dd>{order.assignees.map((a) => a.displayName).join(', ') || t('workOrders.page.nobody')}</dd>
              </div>
            </dl>
            {order.status === 'done' || order.status === 'closed' ? <FinishSummary order={order} /> : null}
            {/* Who may comment (a manager, or an assignee while the OT is not locked) may add files too; main decides. */}
            <AttachmentsPanel owner={{ kind: 'work_order', id: order.id }} canEdit={order.canComment} />
          </section>
          <TimeCard order={order} />
          <WorkOrderCostPanel number={order.number} />
          <CommentsCard order={order} />
        </div>
        <div className="wo-column">
          {order.canEditPlanning ? <PlanningCard order={order} onChanged={refetch} /> : null}
          <HistoryCard order={order} />
        </div>
      </div>
      <WorkOrderPartsPanel workOrderId={order.id} />

      {dialog === 'pause' ? <PauseDialog busy={transition.isPending} error={dialogError} onClose={closeDialog} onSubmit={(pause) => run({ action: 'pause', pause })} /> : null}
      {dialog === 'finish' ? (
        <FinishDialog
          corrective={order.type === 'corrective'}
          busy={transition.isPending}
          error={dialogError}
          fieldErrors={fieldIssues(transition.error)}
          onClose={closeDialog}
          onSubmit={(finish) => run({ action: 'finish', finish })}
        />
      ) : null}
      {dialog === 'cancel' ? <CancelDialog busy={transition.isPending} error={dialogError} onClose={closeDialog} onSubmit={(cancel) => run({ action: 'cancel', cancel })} /> : null}
      {dialog === 'close' ? <CloseDialog busy={transition.isPending} error={dialogError} onClose={closeDialog} onSubmit={() => run({ action: 'close' })} /> : null}
    </div>
  );
}

function FinishSummary({ order }: { order: WorkOrderView }) {
  const { t } = useTranslation();
  const lists = { symptom: useReferenceList('symptom'), cause: useReferenceList('cause'), remedy: useReferenceList('remedy') };
  // The label of the list's item; its code when the administrator has since retired it.
  const label = (list: keyof typeof lists, code: string | null) => lists[list].data?.find((item) => item.code.toLowerCase() === code?.toLowerCase())?.label ?? code;
  const part = (list: keyof typeof lists, code: string | null, text: string | null) => (code === 'autre' ? text : label(list, code)) ?? '—';
  return (
    <>
      <h3>{t('workOrders.page.finishResult')}</h3>
      <dl className="wo-facts wo-facts--grid">
        <div>
          <dt>{t('workOrders.page.symptom')}</dt>
          <dd>{part('symptom', order.symptomCode, order.symptomText)}</dd>
        </div>
        <div>
          <dt>{t('workOrders.page.cause')}</dt>
          <dd>{part('cause', order.causeCode, order.causeText)}</dd>
        </div>
        <div>
          <dt>{t('workOrders.page.remedy')}</dt>
          <dd>{part('remedy', order.remedyCode, order.remedyText)}</dd>
        </div>
        <div>
          <dt>{t('workOrders.page.backInService')}</dt>
          <dd>{order.backInService === null ? '—' : order.backInService ? t('workOrders.page.yes') : t('workOrders.page.no')}</dd>
        </div>
      </dl>
    </>
  );
}

/** My running clock: counted from main's clock (the offset from the local clock is taken when the OT was read). */
function RunningClock({ order }: { order: WorkOrderView }) {
  const { t, i18n } = useTranslation();
  const [offset] = useState(() => order.now - Date.now());
  const [now, setNow] = useState(() => order.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + offset), 30_000);
    return () => clearInterval(timer);
  }, [offset]);
  const mine = order.myRunningEntry;
  if (!mine) return null;
  if (mine.workOrderNumber !== order.number) {
    return (
      <Alert tone="info">
        {t('workOrders.page.runningElsewhere', { number: mine.workOrderNumber })}{' '}
        <Link to="/ot/$number" params={{ number: mine.workOrderNumber }} className="wo-link">
          {mine.workOrderNumber}
        </Link>
      </Alert>
    );
  }
  const since = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit' }).format(new Date(mine.startedAt));
  return (
    <div className="wo-running" role="status">
      <span className="wo-running__dot" aria-hidden="true" />
      {t('workOrders.page.runningHere', { since, duration: formatMinutes(Math.max(0, Math.round((Math.max(now, order.now) - mine.startedAt) / 60_000))) })}
    </div>
  );
}
