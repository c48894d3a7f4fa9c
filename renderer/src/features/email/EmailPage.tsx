// Renderer. "Messagerie" (administrators): the SMTP account the app sends through, a test email with the form's
// values, the outbox (queued, sent, failed, "Renvoyer") and the reset codes' statistics.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { MailSettingsForm } from './MailSettingsForm';
import { OutboxCard } from './OutboxCard';
import { TokenStatsCard } from './TokenStatsCard';
import type { StatusMessage } from '../security/status';

export function EmailPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<StatusMessage | null>(null);
  // Bumped after a save or a test: the outbox shows the new row at once.
  const [outboxVersion, setOutboxVersion] = useState(0);
  const changed = () => setOutboxVersion((n) => n + 1);
  return (
    <>
      <h1>{t('email.title')}</h1>
      <p className="lead card--wide">{t('email.intro')}</p>
      {status ? <Alert tone={status.tone}>{status.text}</Alert> : null}
      <MailSettingsForm onStatus={setStatus} onChanged={changed} />
      <OutboxCard onStatus={setStatus} version={outboxVersion} />
      <TokenStatsCard />
    </>
  );
}
