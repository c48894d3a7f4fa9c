// Renderer. The outbox: every email the app wrote, its state, its last error in plain French, "Renvoyer" for
// failed ones. Refreshes every few seconds while shown, so a retry that went through appears by itself.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxItem, OutboxView } from '../../../../shared/contract';
import { call } from '../../api/client';
import { TableCard } from '../../components/TableCard';
import { useDateFormatter } from '../../i18n/format';
import type { StatusMessage } from '../security/status';

const REFRESH_MS = 5000;

export function OutboxCard({ onStatus, version }: { onStatus: (status: StatusMessage) => void; version: number }) {
  const { t } = useTranslation();
  const [view, setView] = useState<OutboxView | null>(null);
  const formatDate = useDateFormatter('short');

  const load = useCallback(
    () =>
      call('email:listOutbox').then((result) => {
        if (result.ok) setView(result.data);
      }),
    [],
  );
  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [load, version]);

  const resend = async (item: OutboxItem) => {
    const result = await call('email:resend', { id: item.id });
    onStatus(result.ok ? { tone: 'success', text: t('email.resent', { recipient: item.recipient }) } : { tone: 'error', text: t(`errors.${result.error.code}`) });
    await load();
  };

  const errorText = (item: OutboxItem) => {
    if (!item.lastError) return null;
    const { code, message } = item.lastError;
    return (
      <>
        {code === 'MESSAGE_EXPIRED' ? t('email.outboxErrors.MESSAGE_EXPIRED') : t(`errors.${code}`)}
        {message ? <span className="field__hint">{message}</span> : null}
      </>
    );
  };

  const stateText = (item: OutboxItem) => (
    <>
      <strong>{t(`email.statuses.${item.status}`)}</strong>
      {item.kind !== 'test' ? <span className="field__hint">{t('email.outboxAttempts', { attempts: item.attempts, max: view?.maxAttempts ?? 0 })}</span> : null}
      {item.status === 'queued' && item.nextAttemptAt && item.attempts > 0 ? (
        <span className="field__hint">{t('email.outboxNextAttempt', { date: formatDate(item.nextAttemptAt) })}</span>
      ) : null}
      {item.sentAt ? <span className="field__hint">{t('email.outboxSentAt', { date: formatDate(item.sentAt) })}</span> : null}
      {item.secretRedacted ? <span className="field__hint">{t('email.outboxRedacted')}</span> : null}
    </>
  );

  return (
    <TableCard
      id="outbox-title"
      title={t('email.outboxTitle')}
      fullWidth
      emptyText={t('email.outboxEmpty')}
      summary={
        <div className="outbox__bar">
          {view ? <p className="muted">{t('email.outboxSummary', view.counts)}</p> : null}
          <button type="button" className="button button--ghost" onClick={() => void load()}>
            {t('email.outboxRefresh')}
          </button>
        </div>
      }
      columns={[t('email.outboxDate'), t('email.outboxKind'), t('email.outboxRecipient'), t('email.outboxStatus'), t('email.outboxLastError'), t('email.outboxAction')]}
      rows={view?.items ?? []}
      rowKey={(item) => item.id}
      cells={(item) => [
        formatDate(item.createdAt),
        t(`email.kinds.${item.kind}`),
        <span className="outbox__recipient">{item.recipient}</span>,
        <div className="outbox__stack">{stateText(item)}</div>,
        <div className="outbox__stack">{errorText(item)}</div>,
        item.canResend ? (
          <button type="button" className="button button--ghost" aria-label={t('email.resendLabel', { recipient: item.recipient })} onClick={() => void resend(item)}>
            {t('email.resend')}
          </button>
        ) : null,
      ]}
    />
  );
}
