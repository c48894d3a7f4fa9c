// Renderer. Names currently made to wait after failed logins (known or not), with "Débloquer".
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThrottledIdentifier } from '../../../../shared/contract';
import { call } from '../../api/client';
import { TableCard } from '../../components/TableCard';
import { useDateFormatter } from '../../i18n/format';
import type { StatusMessage } from './status';

export function ThrottledCard({ onStatus }: { onStatus: (status: StatusMessage) => void }) {
  const { t } = useTranslation();
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
  const formatDate = useDateFormatter('medium');

  return (
    <TableCard
      id="throttled-title"
      title={t('security.throttledTitle')}
      emptyText={t('security.throttledNone')}
      columns={[t('security.throttledIdentifier'), t('security.throttledFailures'), t('security.throttledUntil'), t('security.throttledAction')]}
      rows={throttled.rows}
      rowKey={(row) => row.identifier}
      cells={(row) => [
        row.identifier,
        row.consecutiveFailures,
        row.blockedUntil && row.blockedUntil > throttled.readAt ? formatDate(row.blockedUntil) : t('security.notBlockedNow'),
        <button type="button" className="button button--ghost" aria-label={t('security.unblockLabel', { identifier: row.identifier })} onClick={() => void unblock(row.identifier)}>
          {t('security.unblock')}
        </button>,
      ]}
    />
  );
}
