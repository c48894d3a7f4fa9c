// Renderer. « Prévisions sur 12 mois » (managers): the future occurrences of every active plan on each equipment,
// filtered by plan or equipment. Two views: a month-by-month table (one row per plan × equipment, 12 columns with
// the count of due dates; the dates show on hover and on keyboard focus, meter dates projected from usage are
// marked « estimé ») and the list of every due date in order. Both virtualised: 2,000 plans stay fluid.
import { Link } from '@tanstack/react-router';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ForecastOccurrence, ForecastRow } from '../../../../shared/preventive/forecast-contract';
import { useChannelQuery } from '../../api/query';
import { Alert } from '../../components/Alert';
import { SelectField } from '../../components/SelectField';
import { formatDay, formatMonth, formatShortDay, formatShortMonth, formatTotal } from './reports-format';
import './reports.css';

const ROW_HEIGHT = 56;

export function ForecastPage() {
  const { t } = useTranslation();
  const [planId, setPlanId] = useState<number | undefined>(undefined);
  const [equipmentId, setEquipmentId] = useState<number | undefined>(undefined);
  const [view, setView] = useState<'months' | 'list'>('months');
  const options = useChannelQuery(['preventive', 'forecast-options'], 'preventive:forecastOptions', {}, { staleTime: 60_000 });
  const input = { ...(planId ? { planId } : {}), ...(equipmentId ? { equipmentId } : {}), months: 12 as const };
  const forecast = useChannelQuery(['preventive', 'forecast', planId ?? null, equipmentId ?? null], 'preventive:forecast', input);
  const count = forecast.data?.rows.reduce((sum, row) => sum + row.occurrences.length, 0) ?? 0;

  return (
    <div className="pm-reports pm-reports--wide">
      <h1>{t('preventiveReports.forecast.title')}</h1>
      <p className="lead">{t('preventiveReports.forecast.intro')}</p>
      <form className="pm-filters pm-filters--forecast" onSubmit={(event) => event.preventDefault()}>
        <SelectField label={t('preventiveReports.forecast.plan')} value={planId ?? ''} onChange={(event) => setPlanId(event.target.value ? Number(event.target.value) : undefined)}>
          <option value="">{t('preventiveReports.forecast.allPlans')}</option>
          {(options.data?.plans ?? []).map((plan) => (
            <option key={plan.id} value={plan.id}>
              {plan.code} — {plan.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('preventiveReports.forecast.equipment')} value={equipmentId ?? ''} onChange={(event) => setEquipmentId(event.target.value ? Number(event.target.value) : undefined)}>
          <option value="">{t('preventiveReports.forecast.allEquipment')}</option>
          {(options.data?.equipment ?? []).map((equipment) => (
            <option key={equipment.id} value={equipment.id}>
              {equipment.code} — {equipment.designation}
            </option>
          ))}
        </SelectField>
        <fieldset className="pm-toggle">
          <legend className="visually-hidden">{t('preventiveReports.forecast.view')}</legend>
          {(['months', 'list'] as const).map((value) => (
            <label key={value} className={`pm-toggle__option${view === value ? ' pm-toggle__option--current' : ''}`}>
              <input type="radio" name="forecast-view" value={value} checked={view === value} onChange={() => setView(value)} />
              {value === 'months' ? t('preventiveReports.forecast.viewMonths') : t('preventiveReports.forecast.viewList')}
            </label>
          ))}
        </fieldset>
      </form>

      {forecast.isPending ? (
        <p role="status">{t('preventiveReports.loading')}</p>
      ) : forecast.isError ? (
        <Alert tone="error">{t(`errors.${forecast.error.code}` as 'errors.INTERNAL_ERROR')}</Alert>
      ) : forecast.data.rows.length === 0 ? (
        <p className="muted">{t('preventiveReports.forecast.empty')}</p>
      ) : (
        <section className="card pm-card pm-card--flush" aria-labelledby="pm-forecast-summary">
          <div className="pm-summary-bar">
            <p id="pm-forecast-summary" className="pm-summary">
            <strong>{t('preventiveReports.forecast.period', { from: formatShortDay(forecast.data.from), to: formatShortDay(forecast.data.to) })}</strong>
            {' · '}
            {t('preventiveReports.forecast.rows', { count: forecast.data.rows.length })}
            {' · '}
            {t('preventiveReports.forecast.summary', { count })}
            </p>
          </div>
          <div className="pm-legend">
            <p>
              <span className="pm-estimated">{t('preventiveReports.forecast.estimated')}</span> {t('preventiveReports.forecast.estimatedLegend')}
            </p>
            <Link to="/preventif/calendrier-site" className="pm-small-link">
              {t('preventiveReports.forecast.calendarLink')}
            </Link>
          </div>
          {view === 'months' ? <MonthTable months={forecast.data.months} rows={forecast.data.rows} /> : <DueList rows={forecast.data.rows} />}
        </section>
      )}
    </div>
  );
}

/** A scroll area showing only the rows on screen: a <table> with spacer rows above and below. */
function useRowWindow(count: number) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual re-renders through its own state (as in components/data-table/VirtualTable.tsx).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  const top = items.length > 0 ? items[0].start : 0;
  const bottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  return { scrollRef, items, top, bottom };
}

function Spacer({ height, span }: { height: number; span: number }): ReactNode {
  return height > 0 ? (
    <tr aria-hidden="true" className="pm-spacer">
      <td colSpan={span} style={{ height }} />
    </tr>
  ) : null;
}

function MonthTable({ months, rows }: { months: string[]; rows: ForecastRow[] }) {
  const { t } = useTranslation();
  // Occurrences per row and month, computed once per answer.
  const cells = useMemo(
    () =>
      rows.map((row) => {
        const byMonth = new Map<string, ForecastOccurrence[]>();
        for (const occurrence of row.occurrences) {
          const month = occurrence.dueDate.slice(0, 7);
          byMonth.set(month, [...(byMonth.get(month) ?? []), occurrence]);
        }
        return byMonth;
      }),
    [rows],
  );
  const totals = useMemo(() => months.map((month) => cells.reduce((sum, byMonth) => sum + (byMonth.get(month)?.length ?? 0), 0)), [cells, months]);
  const { scrollRef, items, top, bottom } = useRowWindow(rows.length);
  const dateText = (occurrence: ForecastOccurrence) =>
    `${formatDay(occurrence.dueDate)}${occurrence.dueTotal !== null ? ` (${t('preventiveReports.forecast.meterAt', { total: formatTotal(occurrence.dueTotal) })})` : ''}${occurrence.projected ? ` — ${t('preventiveReports.forecast.estimated')}` : ''}`;

  return (
    <div ref={scrollRef} className="pm-scroll" data-testid="forecast-months" tabIndex={0} role="region" aria-label={t('preventiveReports.forecast.viewMonths')}>
      <table className="table pm-table pm-forecast">
        <colgroup>
          <col className="pm-forecast__plan" />
          {months.map((month) => (
            <col key={month} className="pm-forecast__month" />
          ))}
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{t('preventiveReports.forecast.planColumn')}</th>
            {months.map((month) => (
              <th key={month} scope="col" className="pm-num" title={formatMonth(month)}>
                <abbr title={formatMonth(month)}>{formatShortMonth(month)}</abbr>
              </th>
            ))}
          </tr>
          <tr className="pm-forecast__totals">
            <th scope="row">{t('preventiveReports.forecast.total')}</th>
            {totals.map((total, index) => (
              <td key={months[index]} className="pm-num">
                {total}
              </td>
            ))}
          </tr>
        </thead>
        <tbody>
          <Spacer height={top} span={months.length + 1} />
          {items.map((item) => {
            const row = rows[item.index];
            const byMonth = cells[item.index];
            return (
              <tr key={`${row.planId}-${row.equipmentId}`} style={{ height: ROW_HEIGHT }}>
                <th scope="row" className="pm-forecast__name">
                  <span className="pm-ellipsis" title={`${row.planCode} — ${row.planName} · ${row.equipmentCode} — ${row.equipmentDesignation}`}>
                    <strong>{row.planCode}</strong> {row.planName}
                  </span>
                  <span className="table__sub pm-ellipsis">
                    {row.equipmentCode} — {row.equipmentDesignation}
                    {row.note ? ` · ${t(`preventiveReports.forecast.notes.${row.note}`)}` : ''}
                  </span>
                </th>
                {months.map((month) => {
                  const list = byMonth.get(month) ?? [];
                  if (list.length === 0) return <td key={month} className="pm-num pm-cell--empty" />;
                  const estimated = list.some((occurrence) => occurrence.projected);
                  const dates = list.map(dateText).join(' ; ');
                  return (
                    <td key={month} className="pm-num">
                      <span
                        className={`pm-cell${estimated ? ' pm-cell--estimated' : ''}`}
                        tabIndex={0}
                        aria-label={t('preventiveReports.forecast.cellLabel', { count: list.length, month: formatMonth(month), plan: row.planCode, equipment: row.equipmentCode, dates })}
                      >
                        {list.length}
                        {estimated ? <span className="pm-estimated pm-estimated--small">{t('preventiveReports.forecast.estimated')}</span> : null}
                        <span className="pm-tip" role="tooltip">
                          {list.map((occurrence) => (
                            <span key={occurrence.key} className="pm-tip__line">
                              {dateText(occurrence)}
                            </span>
                          ))}
                        </span>
                      </span>
                    </td>
                  );
                })}
              </tr>
            );
          })}
          <Spacer height={bottom} span={months.length + 1} />
        </tbody>
      </table>
    </div>
  );
}

interface DueLine {
  row: ForecastRow;
  occurrence: ForecastOccurrence;
}

function DueList({ rows }: { rows: ForecastRow[] }) {
  const { t } = useTranslation();
  const lines = useMemo(() => {
    const all: DueLine[] = [];
    for (const row of rows) for (const occurrence of row.occurrences) all.push({ row, occurrence });
    return all.sort((a, b) => a.occurrence.dueDate.localeCompare(b.occurrence.dueDate) || a.row.planCode.localeCompare(b.row.planCode, 'fr'));
  }, [rows]);
  const { scrollRef, items, top, bottom } = useRowWindow(lines.length);
  if (lines.length === 0) return <p className="muted pm-pad">{t('preventiveReports.forecast.listEmpty')}</p>;
  return (
    <div ref={scrollRef} className="pm-scroll" data-testid="forecast-list" tabIndex={0} role="region" aria-label={t('preventiveReports.forecast.viewList')}>
      <table className="table pm-table pm-list">
        <thead>
          <tr>
            <th scope="col">{t('preventiveReports.forecast.date')}</th>
            <th scope="col">{t('preventiveReports.forecast.plan')}</th>
            <th scope="col">{t('preventiveReports.forecast.equipment')}</th>
            <th scope="col">{t('preventiveReports.forecast.trigger')}</th>
          </tr>
        </thead>
        <tbody>
          <Spacer height={top} span={4} />
          {items.map((item) => {
            const { row, occurrence } = lines[item.index];
            return (
              <tr key={`${row.planId}-${row.equipmentId}-${occurrence.key}`} style={{ height: ROW_HEIGHT }}>
                <td>
                  {formatDay(occurrence.dueDate)}
                  {occurrence.projected ? <span className="pm-estimated">{t('preventiveReports.forecast.estimated')}</span> : null}
                </td>
                <td>
                  <span className="pm-ellipsis">
                    <strong>{row.planCode}</strong> {row.planName}
                  </span>
                </td>
                <td>
                  <span className="pm-ellipsis">
                    {row.equipmentCode} — {row.equipmentDesignation}
                  </span>
                </td>
                <td>
                  {t(`preventiveReports.forecast.triggers.${occurrence.triggerKind}`)}
                  {occurrence.dueTotal !== null ? <span className="table__sub">{t('preventiveReports.forecast.meterAt', { total: formatTotal(occurrence.dueTotal) })}</span> : null}
                </td>
              </tr>
            );
          })}
          <Spacer height={bottom} span={4} />
        </tbody>
      </table>
    </div>
  );
}

