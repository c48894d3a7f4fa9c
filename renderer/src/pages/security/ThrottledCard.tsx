// Renderer. Names currently made to wait after failed logins (known or not), with "Débloquer".
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThrottledIdentifier } from '../../../../shared/contract';
import { call } from '../../api/client';
import type { StatusMessage } from './status';

export function ThrottledCard({ onStatus }: { onStatus: (status: StatusMessage) => void }) {
  const { t, i18n } = useTranslation();
  // The list and the moment it was read: "waiting until" is judged against that, not against render time.
  const [throttled, setThrottled] = useState<{ rows: ThrottledIdentifier[]; readAt: number }>({ rows: [], readAt: 0 });

  const load = useCallback(
    () =>
      call('security:listThrottled').then((result) => {
        if (result.ok) setThrottled({ rows: result.data, readAt: Date.now() });
      }),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const unblock = async (identifier: string) => {
    const result = await call('security:clearThrottle', { identifier });
    onStatus(result.ok ? { tone: 'success', text: t('security.unblocked', { identifier }) } : { tone: 'error', text: t(`errors.${result.error.code}`) });
    await load();
  };
  const formatDate = (ms: number) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' }).format(ms);

  return (
    <section className="card card--wide" aria-labelledby="throttled-title">
      <h2 id="throttled-title">{t('security.throttledTitle')}</h2>
      {throttled.rows.length === 0 ? (
        <p className="muted">{t('security.throttledNone')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('security.throttledIdentifier')}</th>
              <th scope="col">{t('security.throttledFailures')}</th>
              <th scope="col">{t('security.throttledUntil')}</th>
              <th scope="col">{t('security.throttledAction')}</th>
            </tr>
          </thead>
          <tbody>
            {throttled.rows.map((row) => (
              <tr key={row.identifier}>
                <td>{row.identifier}</td>
                <td>{row.consecutiveFailures}</td>
                <td>{row.blockedUntil && row.blockedUntil > throttled.readAt ? formatDate(row.blockedUntil) : t('security.notBlockedNow')}</td>
                <td>
                  <button type="button" className="button button--ghost" aria-label={t('security.unblockLabel', { identifier: row.identifier })} onClick={() => void unblock(row.identifier)}>
                    {t('security.unblock')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
