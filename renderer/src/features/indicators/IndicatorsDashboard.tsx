// Renderer. The body of « Indicateurs » (`/indicateurs`, managers), a chunk of its own (IndicatorsPage.tsx loads it lazily): MTBF, MTTR, disponibilité, backlog, taux de réalisation du
// préventif, ratio préventif/correctif and costs for a period and a location (its subtree), every figure computed by
// main in SQL. Each figure states its formula on hover and on keyboard focus (a tooltip tied by aria-describedby, and
// a « Formule » disclosure) and drills down to the list behind it (the OT list with its URL filters, or the
// downtimes in a dialog). Charts load chart.js lazily and each has its table. Export .xlsx and the monthly PDF.
import { Link, type LinkProps } from '@tanstack/react-router';
import type { ChartConfiguration } from 'chart.js';
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANNEL_NAMES } from '../../../../shared/contract';
import type { IndicatorsView } from '../../../../shared/indicators/contract';
import { formatCents } from '../../../../shared/stock/quantity';
import { call } from '../../api/client';
import { useChannelQuery } from '../../api/query';
import { Alert } from '../../components/Alert';
import { downloadBase64 } from '../../components/download-file';
import { ChartBlock } from './ChartBlock';
import { DowntimesDialog, type DowntimesTarget } from './DowntimesDialog';
import { frenchDay, presetPeriod, previousMonth, type Preset } from './period';
import './indicators.css';

const HOUR = 3_600_000;
const OPEN_STATUSES = 'draft,planned,in_progress,on_hold';
const COMPLIANCE_CHANNEL = 'preventive:compliance';

const number1 = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
// Two decimals: a plant runs at 99,97 %, and « 100 % » would hide its 3 hours of stops.
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 2 });
export const fmtHours = (ms: number | null) => (ms === null ? '—' : `${number1.format(ms / HOUR)} h`);
const fmtPercent = (value: number | null) => (value === null ? '—' : percent.format(value));

/** The preventive domain's compliance, when this build has its channel (issue 14); null otherwise. */
function useCompliance(from: string, to: string, locationId: number | null): { available: boolean; rate: number | null } {
  const available = (CHANNEL_NAMES as readonly string[]).includes(COMPLIANCE_CHANNEL);
  const [rate, setRate] = useState<number | null>(null);
  useEffect(() => {
    if (!available) return;
    let cancelled = false;
    const untyped = call as unknown as (channel: string, input: unknown) => Promise<{ ok: boolean; data?: { total?: { rate: number | null } } }>;
    void untyped(COMPLIANCE_CHANNEL, { from, to, locationId }).then((result) => {
      if (!cancelled) setRate(result.ok ? (result.data?.total?.rate ?? null) : null);
    });
    return () => {
      cancelled = true;
    };
  }, [available, from, to, locationId]);
  return { available, rate };
}

interface FigureProps {
  id: string;
  name: string;
  value: string;
  sub: ReactNode;
  formula: string;
  /** The list behind the figure: a link, or a button opening the downtimes. */
  drill: { link: LinkProps } | { onClick: () => void } | null;
}

function Figure({ id, name, value, sub, formula, drill }: FigureProps) {
  const { t } = useTranslation();
  const formulaId = useId();
  const [open, setOpen] = useState(false);
  const valueNode = <span className="kpi-card__value">{value}</span>;
  return (
    <li className={`kpi-card${open ? ' kpi-card--open' : ''}`} data-kpi={id}>
      <h3 className="kpi-card__name">{name}</h3>
      {drill === null ? (
        <span tabIndex={0} className="kpi-card__focus" aria-describedby={formulaId}>
          {valueNode}
        </span>
      ) : 'link' in drill ? (
        <Link {...drill.link} className="kpi-card__focus kpi-card__drill" aria-describedby={formulaId} title={t('indicators.drill')}>
          {valueNode}
        </Link>
      ) : (
        <button type="button" className="kpi-card__focus kpi-card__drill" aria-describedby={formulaId} onClick={drill.onClick} title={t('indicators.drill')}>
          {valueNode}
        </button>
      )}
      <div className="kpi-card__sub">{sub}</div>
      <button type="button" className="kpi-card__info" aria-expanded={open} aria-controls={formulaId} onClick={() => setOpen((v) => !v)} aria-label={t('indicators.showFormula', { name })}>
        {t('indicators.formula')}
      </button>
      <p id={formulaId} role="tooltip" className="kpi-card__formula">
        {formula}
      </p>
    </li>
  );
}

function Dashboard({ view, compliance, onDowntimes }: { view: IndicatorsView; compliance: { available: boolean; rate: number | null }; onDowntimes: (target: DowntimesTarget) => void }) {
  const { t } = useTranslation();
  const lieu = view.location ? { lieu: view.location.id } : {};
  const c = view.cost;

  const costChart = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: view.costByMonth.map((m) => m.month),
        datasets: [
          { label: t('indicators.charts.labour'), data: view.costByMonth.map((m) => m.labourCents / 100), backgroundColor: '#1f5fa8' },
          { label: t('indicators.charts.parts'), data: view.costByMonth.map((m) => m.partsCents / 100), backgroundColor: '#e0a100' },
          { label: t('indicators.charts.services'), data: view.costByMonth.map((m) => m.servicesCents / 100), backgroundColor: '#6b7a89' },
        ],
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, title: { display: true, text: '€' } } } },
    }),
    [view, t],
  );
  const availabilityChart = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: view.byLocation.map((l) => l.name || t('indicators.charts.noLocation')),
        datasets: [{ label: t('indicators.figures.availability'), data: view.byLocation.map((l) => (l.availability === null ? 0 : Math.round(l.availability * 1000) / 10)), backgroundColor: '#2e7d32' }],
      },
      options: { indexAxis: 'y', scales: { x: { min: 0, max: 100, title: { display: true, text: '%' } } } },
    }),
    [view, t],
  );

  return (
    <>
      <ul className="kpi-grid" aria-label={t('indicators.title')}>
        <Figure
          id="mtbf"
          name={t('indicators.figures.mtbf')}
          value={fmtHours(view.mtbfMs)}
          sub={t('indicators.sub.failures', { count: view.failures })}
          formula={t('indicators.formulas.mtbf')}
          drill={{ onClick: () => onDowntimes({ kind: 'failures', equipmentId: null, title: t('indicators.downtimes.titleFailures') }) }}
        />
        <Figure
          id="mttr"
          name={t('indicators.figures.mttr')}
          value={fmtHours(view.mttrMs)}
          sub={t('indicators.sub.restored', { count: view.restoredFailures })}
          formula={t('indicators.formulas.mttr')}
          drill={{ onClick: () => onDowntimes({ kind: 'failures', equipmentId: null, title: t('indicators.downtimes.titleFailures') }) }}
        />
        <Figure
          id="availability"
          name={t('indicators.figures.availability')}
          value={fmtPercent(view.availability)}
          sub={t('indicators.sub.operating', { operating: fmtHours(view.operatingMs), down: fmtHours(view.downtimeMs) })}
          formula={t('indicators.formulas.availability')}
          drill={{ onClick: () => onDowntimes({ kind: 'all', equipmentId: null, title: t('indicators.downtimes.titleAll') }) }}
        />
        <Figure
          id="backlog"
          name={t('indicators.figures.backlog')}
          value={fmtHours(view.backlog.estimatedMinutes * 60_000)}
          sub={
            <>
              <span>{view.backlog.weeks === null ? t('indicators.sub.backlogNoCapacity') : t('indicators.sub.backlogWeeks', { weeks: number1.format(view.backlog.weeks), capacity: fmtHours(view.backlog.capacityMinutesPerWeek * 60_000) })}</span>
              <span className="kpi-card__line">{t('indicators.sub.withoutEstimate', { count: view.backlog.openCount, without: view.backlog.withoutEstimate })}</span>
            </>
          }
          formula={t('indicators.formulas.backlog')}
          drill={{ link: { to: '/ot', search: { statut: OPEN_STATUSES, ...lieu } } as LinkProps }}
        />
        <Figure
          id="compliance"
          name={t('indicators.figures.compliance')}
          value={compliance.available ? fmtPercent(compliance.rate) : '—'}
          sub={compliance.available ? <Link to={'/preventif/conformite' as never}>{t('indicators.sub.complianceLink')}</Link> : t('indicators.sub.complianceMissing')}
          formula={t('indicators.formulas.compliance')}
          drill={compliance.available ? { link: { to: '/preventif/conformite' } as LinkProps } : null}
        />
        <Figure
          id="ratio"
          name={t('indicators.figures.ratio')}
          value={view.labour.ratio === null ? '—' : number1.format(view.labour.ratio)}
          sub={t('indicators.sub.ratio', { preventive: fmtHours(view.labour.preventiveMinutes * 60_000), corrective: fmtHours(view.labour.correctiveMinutes * 60_000) })}
          formula={t('indicators.formulas.ratio')}
          drill={{ link: { to: '/ot', search: { type: 'preventive', ...lieu } } as LinkProps }}
        />
        <Figure
          id="cost"
          name={t('indicators.figures.cost')}
          value={formatCents(c.totalCents)}
          sub={t('indicators.sub.cost', { labour: formatCents(c.labourCents), parts: formatCents(c.partsCents), services: formatCents(c.servicesCents) })}
          formula={t('indicators.formulas.cost')}
          drill={{ link: { to: '/ot', search: { ...lieu } } as LinkProps }}
        />
      </ul>

      <div className="kpi-charts">
        <ChartBlock
          title={t('indicators.charts.costByMonth')}
          config={costChart}
          table={
            <table className="table">
              <caption className="visually-hidden">{t('indicators.charts.costByMonth')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('indicators.charts.month')}</th>
                  <th scope="col" className="num">{t('indicators.charts.labour')}</th>
                  <th scope="col" className="num">{t('indicators.charts.parts')}</th>
                  <th scope="col" className="num">{t('indicators.charts.services')}</th>
                  <th scope="col" className="num">{t('indicators.charts.total')}</th>
                </tr>
              </thead>
              <tbody>
                {view.costByMonth.map((m) => (
                  <tr key={m.month}>
                    <th scope="row">{m.month}</th>
                    <td className="num">{formatCents(m.labourCents)}</td>
                    <td className="num">{formatCents(m.partsCents)}</td>
                    <td className="num">{formatCents(m.servicesCents)}</td>
                    <td className="num">{formatCents(m.totalCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
        <ChartBlock
          title={t('indicators.charts.availabilityByLocation')}
          config={availabilityChart}
          table={
            <table className="table">
              <caption className="visually-hidden">{t('indicators.charts.availabilityByLocation')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('indicators.charts.location')}</th>
                  <th scope="col" className="num">{t('indicators.charts.equipmentCount')}</th>
                  <th scope="col" className="num">{t('indicators.charts.downtime')}</th>
                  <th scope="col" className="num">{t('indicators.charts.failures')}</th>
                  <th scope="col" className="num">{t('indicators.figures.availability')}</th>
                </tr>
              </thead>
              <tbody>
                {view.byLocation.map((l) => (
                  <tr key={l.locationId ?? 'none'}>
                    <th scope="row">{l.name || t('indicators.charts.noLocation')}</th>
                    <td className="num">{l.equipmentCount}</td>
                    <td className="num">{fmtHours(l.downtimeMs)}</td>
                    <td className="num">{l.failures}</td>
                    <td className="num">{fmtPercent(l.availability)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      </div>

      <div className="kpi-tops">
        <section aria-labelledby="kpi-top-downtime">
          <h2 id="kpi-top-downtime" title={t('indicators.formulas.topDowntime')}>
            {t('indicators.top.downtime')}
          </h2>
          {view.topDowntime.length === 0 ? (
            <p className="muted-inline">{t('indicators.top.empty')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('indicators.top.code')}</th>
                  <th scope="col">{t('indicators.top.designation')}</th>
                  <th scope="col" className="num">{t('indicators.charts.downtime')}</th>
                  <th scope="col" className="num">{t('indicators.charts.failures')}</th>
                  <th scope="col" className="num">{t('indicators.figures.availability')}</th>
                </tr>
              </thead>
              <tbody>
                {view.topDowntime.map((e) => (
                  <tr key={e.equipmentId}>
                    <td>
                      <button type="button" className="link-button" aria-label={t('indicators.top.downtimesOf', { code: e.code })} onClick={() => onDowntimes({ kind: 'all', equipmentId: e.equipmentId, title: t('indicators.top.downtimesOf', { code: e.code }) })}>
                        {e.code}
                      </button>
                    </td>
                    <td>{e.designation}</td>
                    <td className="num">{fmtHours(e.downtimeMs)}</td>
                    <td className="num">{e.failures}</td>
                    <td className="num">{fmtPercent(e.availability)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section aria-labelledby="kpi-top-cost">
          <h2 id="kpi-top-cost" title={t('indicators.formulas.topCost')}>
            {t('indicators.top.cost')}
          </h2>
          {view.topCost.length === 0 ? (
            <p className="muted-inline">{t('indicators.top.empty')}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('indicators.top.code')}</th>
                  <th scope="col">{t('indicators.top.designation')}</th>
                  <th scope="col" className="num">{t('indicators.charts.total')}</th>
                </tr>
              </thead>
              <tbody>
                {view.topCost.map((e) => (
                  <tr key={e.equipmentId}>
                    <td>
                      <Link to="/ot" search={{ equipement: e.code } as never} aria-label={t('indicators.top.otLink', { code: e.code })}>
                        {e.code}
                      </Link>
                    </td>
                    <td>{e.designation}</td>
                    <td className="num">{formatCents(e.totalCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>

      {view.topCost.length > 0 ? (
        <section aria-labelledby="kpi-cost-matrix" className="table-scroll" tabIndex={0}>
          <h2 id="kpi-cost-matrix">{t('indicators.top.costByMonth')}</h2>
          <table className="table kpi-matrix">
            <thead>
              <tr>
                <th scope="col">{t('indicators.top.code')}</th>
                {view.costByMonth.map((m) => (
                  <th scope="col" key={m.month} className="num">
                    {m.month}
                  </th>
                ))}
                <th scope="col" className="num">{t('indicators.charts.total')}</th>
              </tr>
            </thead>
            <tbody>
              {view.topCost.map((e) => (
                <tr key={e.equipmentId}>
                  <th scope="row">{e.code}</th>
                  {e.months.map((m) => (
                    <td key={m.month} className="num">
                      {m.totalCents === 0 ? '—' : formatCents(m.totalCents)}
                    </td>
                  ))}
                  <td className="num">{formatCents(e.totalCents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  );
}

export default function IndicatorsDashboard() {
  const { t } = useTranslation();
  const [period, setPeriod] = useState(() => presetPeriod('year'));
  const [preset, setPreset] = useState<Preset | null>('year');
  const [locationId, setLocationId] = useState<number | null>(null);
  const [reportMonth, setReportMonth] = useState(previousMonth());
  const [busy, setBusy] = useState<'xlsx' | 'pdf' | null>(null);
  const [fileError, setFileError] = useState(false);
  const [downtimes, setDowntimes] = useState<DowntimesTarget | null>(null);
  const query = { from: period.from, to: period.to, locationId };
  const view = useChannelQuery(['costs', 'indicators', query], 'indicators:dashboard', query, { enabled: period.from <= period.to });
  const locations = useChannelQuery(['costs', 'indicator-locations'], 'indicators:locations', undefined);
  const compliance = useCompliance(period.from, period.to, locationId);

  const choose = (next: Preset) => {
    setPreset(next);
    setPeriod(presetPeriod(next));
  };
  const download = async (kind: 'xlsx' | 'pdf') => {
    setBusy(kind);
    setFileError(false);
    const result = kind === 'xlsx' ? await call('indicators:export', query) : await call('indicators:monthlyReport', { month: reportMonth, locationId });
    setBusy(null);
    if (!result.ok) return setFileError(true);
    downloadBase64(result.data.fileName, result.data.contentBase64, result.data.mimeType);
  };

  return (
    <section className="card card--full kpi-page" aria-labelledby="indicators-title">
      <div className="card__heading">
        <h1 id="indicators-title">{t('indicators.title')}</h1>
        <div className="kpi-files">
          <button type="button" className="button button--ghost" onClick={() => void download('xlsx')} disabled={busy !== null}>
            {busy === 'xlsx' ? t('indicators.exporting') : t('indicators.export')}
          </button>
          <label className="kpi-files__month">
            <span className="visually-hidden">{t('indicators.reportMonth')}</span>
            <input type="month" className="field__input" value={reportMonth} onChange={(event) => setReportMonth(event.target.value)} aria-label={t('indicators.reportMonth')} />
          </label>
          <button type="button" className="button button--ghost" onClick={() => void download('pdf')} disabled={busy !== null || !/^\d{4}-\d{2}$/.test(reportMonth)}>
            {busy === 'pdf' ? t('indicators.exporting') : t('indicators.report')}
          </button>
        </div>
      </div>
      <p>{t('indicators.intro')}</p>
      <p className="muted-inline">{t('indicators.assumption')}</p>
      {fileError ? <Alert tone="error">{t('indicators.exportFailed')}</Alert> : null}

      <div className="kpi-filters" role="group" aria-label={t('indicators.period')}>
        <div className="kpi-presets" role="group" aria-label={t('indicators.period')}>
          {(['month', 'quarter', 'year'] as const).map((p) => (
            <button key={p} type="button" className={`button ${preset === p ? 'button--primary' : 'button--ghost'}`} aria-pressed={preset === p} onClick={() => choose(p)}>
              {t(`indicators.presets.${p}`)}
            </button>
          ))}
        </div>
        <label className="field">
          <span className="field__label">{t('indicators.from')}</span>
          <input type="date" className="field__input" value={period.from} max={period.to} onChange={(event) => (setPreset(null), setPeriod((p) => ({ ...p, from: event.target.value || p.from })))} />
        </label>
        <label className="field">
          <span className="field__label">{t('indicators.to')}</span>
          <input type="date" className="field__input" value={period.to} min={period.from} onChange={(event) => (setPreset(null), setPeriod((p) => ({ ...p, to: event.target.value || p.to })))} />
        </label>
        <label className="field">
          <span className="field__label">{t('indicators.location')}</span>
          <select className="field__input field__select" value={locationId ?? ''} onChange={(event) => setLocationId(event.target.value ? Number(event.target.value) : null)}>
            <option value="">{t('indicators.allLocations')}</option>
            {(locations.data ?? []).map((l) => (
              <option key={l.id} value={l.id}>
                {`${'  '.repeat(l.depth)}${l.name}`}
              </option>
            ))}
          </select>
        </label>
      </div>

      {view.isPending ? <p role="status">{t('indicators.loading')}</p> : null}
      {view.isError ? <Alert tone="error">{t('indicators.failed')}</Alert> : null}
      {view.data ? (
        <>
          <p className="muted-inline" role="status">
            {t('indicators.scope', { count: view.data.equipmentCount, from: frenchDay(view.data.period.from), to: frenchDay(view.data.period.to) })}
          </p>
          <Dashboard view={view.data} compliance={compliance} onDowntimes={setDowntimes} />
        </>
      ) : null}
      {downtimes ? <DowntimesDialog target={downtimes} from={period.from} to={period.to} locationId={locationId} onClose={() => setDowntimes(null)} /> : null}
    </section>
  );
}
