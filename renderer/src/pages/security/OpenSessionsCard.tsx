// Renderer. Who is signed in on this installation, and "Fermer" to end all of a user's sessions at once.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenSession } from '../../../../shared/contract';
import { call } from '../../api/client';
import type { StatusMessage } from './status';

export function OpenSessionsCard({ onStatus }: { onStatus: (status: StatusMessage) => void }) {
  const { t, i18n } = useTranslation();
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
  const formatDate = (ms: number) => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' }).format(ms);

  return (
    <section className="card card--wide" aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('security.sessionsTitle')}</h2>
      {sessions.length === 0 ? (
        <p className="muted">{t('security.sessionsNone')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('security.sessionsUser')}</th>
              <th scope="col">{t('security.sessionsWindows')}</th>
              <th scope="col">{t('security.sessionsLastActivity')}</th>
              <th scope="col">{t('security.throttledAction')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.userId}>
                <td>
                  {session.displayName} <span className="muted-inline">({session.username})</span>
                </td>
                <td>{session.windows}</td>
                <td>{formatDate(session.lastActivityAt)}</td>
                <td>
                  <button type="button" className="button button--ghost" aria-label={t('security.endSessionsLabel', { name: session.displayName })} onClick={() => void end(session)}>
                    {t('security.endSessions')}
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
