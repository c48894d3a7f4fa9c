// Renderer. Who is signed in on this installation, and "Fermer" to end all of a user's sessions at once.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenSession } from '../../../../shared/contract';
import { call } from '../../api/client';
import { TableCard } from '../../components/TableCard';
import { useDateFormatter } from '../../i18n/format';
import type { StatusMessage } from './status';

export function OpenSessionsCard({ onStatus }: { onStatus: (status: StatusMessage) => void }) {
  const { t } = useTranslation();
  const [sessions, setSessions] = useState<OpenSession[]>([]);

  const load = useCallback(
    () =>
      call('security:listSessions').then((result) => {
        if (result.ok) setSessions(result.data);
      }),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const end = async (session: OpenSession) => {
    const result = await call('security:endUserSessions', { userId: session.userId });
    onStatus(
      result.ok
        ? { tone: 'success', text: t('security.sessionsEnded', { name: session.displayName, count: result.data.ended }) }
        : { tone: 'error', text: t(`errors.${result.error.code}`) },
    );
    await load();
  };
  const formatDate = useDateFormatter('medium');

  return (
    <TableCard
      id="sessions-title"
      title={t('security.sessionsTitle')}
      emptyText={t('security.sessionsNone')}
      columns={[t('security.sessionsUser'), t('security.sessionsWindows'), t('security.sessionsLastActivity'), t('security.throttledAction')]}
      rows={sessions}
      rowKey={(session) => session.userId}
      cells={(session) => [
        <>
          {session.displayName} <span className="muted-inline">({session.username})</span>
        </>,
        session.windows,
        formatDate(session.lastActivityAt),
        <button type="button" className="button button--ghost" aria-label={t('security.endSessionsLabel', { name: session.displayName })} onClick={() => void end(session)}>
          {t('security.endSessions')}
        </button>,
      ]}
    />
  );
}
