// Renderer. `/indicateurs` (managers): loads the dashboard (IndicatorsDashboard.tsx) as a chunk of its own, so
// neither it nor chart.js weighs on the initial renderer bundle of every shop-floor PC.
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

const IndicatorsDashboard = lazy(() => import('./IndicatorsDashboard'));

export function IndicatorsPage() {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<p role="status">{t('indicators.loading')}</p>}>
      <IndicatorsDashboard />
    </Suspense>
  );
}
