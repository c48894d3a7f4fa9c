// Renderer. One chart with its table alternative: chart.js is imported lazily here (`import('chart.js/auto')`), so it
// is a chunk of its own, fetched when the first chart shows, never in the initial bundle. The table is always in the
// page: shown on « Voir le tableau », otherwise visually hidden but read by screen readers (the canvas is hidden from them).
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Chart, ChartConfiguration } from 'chart.js';

export interface ChartBlockProps {
  title: string;
  config: ChartConfiguration;
  /** The same data as a table (caption included by the caller). */
  table: ReactNode;
}

export function ChartBlock({ title, config, table }: ChartBlockProps) {
  const { t } = useTranslation();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<Chart | null>(null);
  const [showTable, setShowTable] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const tableId = useId();

  useEffect(() => {
    let cancelled = false;
    void import('chart.js/auto').then(({ default: ChartJs }) => {
      if (cancelled || !canvasRef.current) return;
      chartRef.current?.destroy();
      chartRef.current = new ChartJs(canvasRef.current, { ...config, options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options } });
      setLoaded(true);
    });
    return () => {
      cancelled = true;
      chartRef.current?.destroy();
      chartRef.current = null;
    };
  }, [config]);

  return (
    <figure className="kpi-chart">
      <figcaption className="kpi-chart__head">
        <h3>{title}</h3>
        <button type="button" className="button button--ghost" aria-expanded={showTable} aria-controls={tableId} onClick={() => setShowTable((v) => !v)}>
          {showTable ? t('indicators.charts.showChart') : t('indicators.charts.showTable')}
        </button>
      </figcaption>
      <div className="kpi-chart__canvas" hidden={showTable} aria-hidden="true">
        {!loaded ? <p className="muted-inline">{t('indicators.charts.chartLoading')}</p> : null}
        <canvas ref={canvasRef} />
      </div>
      <div id={tableId} className={showTable ? 'kpi-chart__table' : 'visually-hidden'}>
        {table}
      </div>
    </figure>
  );
}
