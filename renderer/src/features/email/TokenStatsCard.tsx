// Renderer. How the emailed reset codes are used: active now, used / expired / replaced and requests over 30 days.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResetTokenStats } from '../../../../shared/contract';
import { call } from '../../api/client';

const ROWS: { key: keyof ResetTokenStats; label: 'email.statsActive' | 'email.statsUsed' | 'email.statsExpired' | 'email.statsInvalidated' | 'email.statsRequests' }[] = [
  { key: 'active', label: 'email.statsActive' },
  { key: 'used', label: 'email.statsUsed' },
  { key: 'expired', label: 'email.statsExpired' },
  { key: 'invalidated', label: 'email.statsInvalidated' },
  { key: 'requestsLast30Days', label: 'email.statsRequests' },
];

export function TokenStatsCard() {
  const { t } = useTranslation();
  const [stats, setStats] = useState<ResetTokenStats | null>(null);
  useEffect(() => {
    void call('email:tokenStats').then((result) => {
      if (result.ok) setStats(result.data);
    });
  }, []);
  return (
    <section className="card card--wide" aria-labelledby="token-stats-title">
      <h2 id="token-stats-title">{t('email.statsTitle')}</h2>
      {stats ? (
        <dl className="facts">
          {ROWS.map((row) => (
            <div key={row.key} style={{ display: 'contents' }}>
              <dt>{t(row.label)}</dt>
              <dd>{stats[row.key]}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </section>
  );
}
