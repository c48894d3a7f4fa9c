// Renderer. « Taux de réalisation du préventif » (managers): the formula in words, a period (the last 12 months by
// default) and a location (with its sub-locations), the rate over the period, then a table per month and a table
// per location. Each figure is a button opening, below the tables, the occurrences behind it with their OT (a
// missed one has none, which is why this is a list of occurrences rather than a link to the OT list).
import { Link } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplianceFigures } from '../../../../shared/preventive/compliance-contract';
import { useChannelQuery, type IpcError } from '../../api/query';
import { Alert } from '../../components/Alert';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useDateFormatter } from '../../i18n/format';
import { firstOfMonthBefore, formatDay, formatMonth, formatRate, formatTotal, todayLocal } from './reports-format';
import './reports.css';

interface Drill {
  month?: string;
  rowLocation?: number | 'none';
  doneInTolerance: boolean;
  what: string;
}

export function CompliancePage() {
  const { t } = useTranslation();
  const [from, setFrom] = useState(() => firstOfMonthBefore(todayLocal(), 11));
  const [to, setTo] = useState(() => todayLocal());
  const [locationId, setLocationId] = useState<number | null>(null);
  const [drill, setDrill] = useState<Drill | null>(null);
  const periodOk = /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to) && from <= to;
  const options = useChannelQuery(['locations', 'work-orders-list-options'], 'workOrders:listOptions', undefined, { staleTime: 60_000 });
  const summary = useChannelQuery(['preventive', 'compliance', from, to, locationId], 'preventive:compliance', { from, to, locationId }, { enabled: periodOk });

  const errorText = (error: IpcError | null) => (error?.code ? t(`errors.${error.code}` as 'errors.INTERNAL_ERROR') : t('errors.INTERNAL_ERROR'));
  const open = (next: Drill) => setDrill(next);

  const figureButtons = (figures: ComplianceFigures, base: Omit<Drill, 'doneInTolerance'>) => (
    <>
      <td className="pm-num">
        <button type="button" className="pm-figure" disabled={figures.due === 0} aria-label={t('preventiveReports.compliance.showDue', { count: figures.due, what: base.what })} onClick={() => open({ ...base, doneInTolerance: false })}>
          {figures.due}
        </button>
      </td>
      <td className="pm-num">
        <button
          type="button"
          className="pm-figure"
          disabled={figures.doneInTolerance === 0}
          aria-label={t('preventiveReports.compliance.showDone', { count: figures.doneInTolerance, what: base.what })}
          onClick={() => open({ ...base, doneInTolerance: true })}
        >
          {figures.doneInTolerance}
        </button>
      </td>
      <td className="pm-num pm-rate">{formatRate(figures.rate)}</td>
    </>
  );

  return (
    <div className="pm-reports">
      <h1>{t('preventiveReports.compliance.title')}</h1>
      <section className="card pm-card pm-formula" aria-labelledby="pm-formula-title">
        <h2 id="pm-formula-title" className="pm-formula__title">
          {t('preventiveReports.compliance.formulaTitle')}
        </h2>
        <p className="pm-formula__text" data-testid="compliance-formula">
          {t('preventiveReports.compliance.formula')}
        </p>
        <ul className="pm-formula__help">
          <li>{t('preventiveReports.compliance.dueHelp')}</li>
          <li>{t('preventiveReports.compliance.doneHelp')}</li>
        </ul>
      </section>

      <form className="pm-filters" onSubmit={(event) => event.preventDefault()}>
        <TextField type="date" label={t('preventiveReports.compliance.from')} value={from} max={to} onChange={(event) => { setFrom(event.target.value); setDrill(null); }} />
        <TextField
          type="date"
          label={t('preventiveReports.compliance.to')}
          value={to}
          min={from}
          error={from && to && from > to ? t('preventiveReports.validation.periodOrder') : undefined}
          onChange={(event) => {
            setTo(event.target.value);
            setDrill(null);
          }}
        />
        <SelectField
          label={t('preventiveReports.compliance.location')}
          value={locationId === null ? '' : String(locationId)}
          onChange={(event) => {
            setLocationId(event.target.value ? Number(event.target.value) : null);
            setDrill(null);
          }}
        >
          <option value="">{t('preventiveReports.compliance.allLocations')}</option>
          {(options.data?.locations ?? []).map((location) => (
            <option key={location.id} value={location.id}>
              {`${'\u00a0\u00a0'.repeat(location.depth)}${location.name}`}
            </option>
          ))}
        </SelectField>
      </form>

      {!periodOk ? null : summary.isPending ? (
        <p role="status">{t('preventiveReports.loading')}</p>
      ) : summary.isError ? (
        <Alert tone="error">{errorText(summary.error)}</Alert>
      ) : (
        <>
          <section className="card pm-card pm-total" aria-labelledby="pm-total-title">
            <h2 id="pm-total-title">{t('preventiveReports.compliance.total')}</h2>
            <p className="pm-total__rate" data-testid="compliance-rate">
              {formatRate(summary.data.total.rate)}
            </p>
            <p className="pm-total__line">
              {summary.data.total.due === 0
                ? t('preventiveReports.compliance.nothingDue')
                : t('preventiveReports.compliance.totalLine', { done: summary.data.total.doneInTolerance, due: summary.data.total.due })}
            </p>
          </section>

          <div className="pm-columns">
            <section className="card pm-card" aria-labelledby="pm-months-title">
              <h2 id="pm-months-title">{t('preventiveReports.compliance.byMonth')}</h2>
              <table className="table pm-table">
                <thead>
                  <tr>
                    <th scope="col">{t('preventiveReports.compliance.month')}</th>
                    <th scope="col" className="pm-num">{t('preventiveReports.compliance.due')}</th>
                    <th scope="col" className="pm-num">{t('preventiveReports.compliance.doneInTolerance')}</th>
                    <th scope="col" className="pm-num">{t('preventiveReports.compliance.rate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {summary.data.months.map((row) => (
                    <tr key={row.month}>
                      <th scope="row">{formatMonth(row.month)}</th>
                      {figureButtons(row, { month: row.month, what: formatMonth(row.month) })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>

            <section className="card pm-card" aria-labelledby="pm-locations-title">
              <h2 id="pm-locations-title">{t('preventiveReports.compliance.byLocation')}</h2>
              {summary.data.byLocation.length === 0 ? (
                <p className="muted">{t('preventiveReports.compliance.nothingDue')}</p>
              ) : (
                <table className="table pm-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('preventiveReports.compliance.locationColumn')}</th>
                      <th scope="col" className="pm-num">{t('preventiveReports.compliance.due')}</th>
                      <th scope="col" className="pm-num">{t('preventiveReports.compliance.doneInTolerance')}</th>
                      <th scope="col" className="pm-num">{t('preventiveReports.compliance.rate')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {summary.data.byLocation.map((row) => {
                      const name = row.locationId === null ? t('preventiveReports.compliance.noLocation') : row.locationName;
                      return (
                        <tr key={row.locationId ?? 'none'}>
                          <th scope="row">{name}</th>
                          {figureButtons(row, { rowLocation: row.locationId ?? 'none', what: name })}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              )}
            </section>
          </div>

          {drill ? <DrillDown from={from} to={to} locationId={locationId} drill={drill} onClose={() => setDrill(null)} /> : null}
        </>
      )}
    </div>
  );
}

function DrillDown({ from, to, locationId, drill, onClose }: { from: string; to: string; locationId: number | null; drill: Drill; onClose: () => void }) {
  const { t } = useTranslation();
  const formatInstant = useDateFormatter();
  const input = { from, to, locationId, month: drill.month, rowLocation: drill.rowLocation, doneInTolerance: drill.doneInTolerance };
  const rows = useChannelQuery(['preventive', 'compliance-occurrences', input], 'preventive:complianceOccurrences', input);
  const title = t('preventiveReports.compliance.drillTitle', {
    what: `${drill.doneInTolerance ? t('preventiveReports.compliance.drillDone') : t('preventiveReports.compliance.drillDue')} — ${drill.what}`,
  });
  // The detail opens below the tables: focus moves to its title (and scrolls it into view) once per figure opened.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: 'start' });
  }, [title]);
  return (
    <section className="card pm-card" aria-labelledby="pm-drill-title" data-testid="compliance-drill">
      <div className="card__heading">
        <h2 id="pm-drill-title" tabIndex={-1} ref={heading}>
          {title}
        </h2>
        <button type="button" className="button button--ghost" onClick={onClose}>
          {t('preventiveReports.compliance.drillClose')}
        </button>
      </div>
      {rows.isPending ? (
        <p role="status">{t('preventiveReports.loading')}</p>
      ) : rows.isError ? (
        <Alert tone="error">{t(`errors.${rows.error.code}` as 'errors.INTERNAL_ERROR')}</Alert>
      ) : rows.data.rows.length === 0 ? (
        <p className="muted">{t('preventiveReports.compliance.drillEmpty')}</p>
      ) : (
        <>
          {rows.data.truncated ? <Alert tone="info">{t('preventiveReports.compliance.truncated', { count: rows.data.rows.length })}</Alert> : null}
          <div className="table-scroll">
            <table className="table pm-table">
              <thead>
                <tr>
                  <th scope="col">{t('preventiveReports.compliance.columns.dueDate')}</th>
                  <th scope="col">{t('preventiveReports.compliance.columns.plan')}</th>
                  <th scope="col">{t('preventiveReports.compliance.columns.equipment')}</th>
                  <th scope="col">{t('preventiveReports.compliance.columns.status')}</th>
                  <th scope="col">{t('preventiveReports.compliance.columns.doneAt')}</th>
                  <th scope="col">{t('preventiveReports.compliance.columns.inTolerance')}</th>
                  <th scope="col">{t('preventiveReports.compliance.columns.workOrder')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.data.rows.map((row) => (
                  <tr key={row.id}>
                    <td>
                      {formatDay(row.dueDate)}
                      {row.dueTotal !== null ? <span className="table__sub">{t('preventiveReports.compliance.meterDue', { total: formatTotal(row.dueTotal) })}</span> : null}
                    </td>
                    <td>
                      {row.planCode}
                      <span className="table__sub">{row.planName}</span>
                    </td>
                    <td>
                      {row.equipmentCode}
                      <span className="table__sub">{row.equipmentDesignation}</span>
                    </td>
                    <td>
                      {t(`preventiveReports.compliance.statuses.${row.status}`)}
                      {row.late ? <span className="table__sub">{t('preventiveReports.compliance.late')}</span> : null}
                    </td>
                    <td>
                      {row.doneAt !== null ? formatInstant(row.doneAt) : '—'}
                      {row.doneTotal !== null ? <span className="table__sub">{formatTotal(row.doneTotal)}</span> : null}
                    </td>
                    <td>{row.inTolerance ? t('preventiveReports.compliance.yes') : t('preventiveReports.compliance.no')}</td>
                    <td>
                      {row.workOrderNumber ? (
                        <Link to="/ot/$number" params={{ number: row.workOrderNumber }} className="wo-link">
                          {row.workOrderNumber}
                        </Link>
                      ) : (
                        <span className="muted-inline">{t('preventiveReports.compliance.noWorkOrder')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
