// Renderer. How long the security log keeps entries. Shortening it deletes old entries for good, so the
// card asks for confirmation first; main re-checks the bounds and audits the change and the deletion.
// Its messages stay inside the card: with 50 rows above, the page's own message line is out of sight.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../../shared/contract';
import { AUDIT_RETENTION_BOUNDS, auditSettingsSchema } from '../../../../shared/audit/audit-settings';
import { call } from '../../api/client';
import { Alert } from '../../components/Alert';
import { TextField } from '../../components/TextField';
import type { AuditStatus } from './audit-status';

export function RetentionCard({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<AuditStatus | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [saving, setSaving] = useState(false);

  // Read once: a language switch must not reset what is being typed (hence the error code, translated at render).
  const [loadError, setLoadError] = useState<ErrorCode | null>(null);
  useEffect(() => {
    void call('audit:getSettings').then((result) => {
      if (!result.ok) return setLoadError(result.error.code);
      setSaved(result.data.retentionDays);
      setValue(String(result.data.retentionDays));
    });
  }, []);

  const parsed = () => auditSettingsSchema.safeParse({ retentionDays: value.trim() === '' ? Number.NaN : Number(value) });

  const save = async () => {
    const local = parsed();
    if (!local.success) return;
    setConfirming(false);
    setSaving(true);
    const result = await call('audit:updateSettings', local.data);
    setSaving(false);
    if (!result.ok) {
      setError(t((result.error.fields?.[0]?.code ?? 'validation.invalid') as 'validation.invalid'));
      return setStatus({ tone: 'error', text: t(`errors.${result.error.code}`) });
    }
    setSaved(result.data.settings.retentionDays);
    setValue(String(result.data.settings.retentionDays));
    const { pruned } = result.data;
    setStatus({ tone: 'success', text: pruned > 0 ? t('audit.retentionPruned', { count: pruned }) : t('audit.retentionSaved') });
    onSaved();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    const local = parsed();
    if (!local.success) {
      setError(t(local.error.issues[0].message as 'validation.invalid'));
      return;
    }
    setError(undefined);
    // Shortening deletes history for good: say so and wait for a yes.
    if (saved !== null && local.data.retentionDays < saved) setConfirming(true);
    else void save();
  };

  return (
    <section className="card card--full" aria-labelledby="audit-retention-title">
      <h2 id="audit-retention-title">{t('audit.retentionTitle')}</h2>
      {loadError ? <Alert tone="error">{t(`errors.${loadError}`)}</Alert> : null}
      {status ? <Alert tone={status.tone}>{status.text}</Alert> : null}
      {saved !== null ? (
        <form onSubmit={submit} noValidate className="form audit-retention">
          <TextField
            label={t('audit.retentionDays')}
            hint={t('audit.retentionHint', AUDIT_RETENTION_BOUNDS)}
            inputMode="numeric"
            value={value}
            onChange={(event) => {
              setValue(event.target.value);
              setConfirming(false);
            }}
            error={error}
          />
          {confirming ? (
            <div className="alert alert--info">
              <p role="alert">{t('audit.retentionConfirm', { from: saved, to: Number(value) })}</p>
              <div className="audit-confirm__actions">
                <button type="button" className="button button--primary" onClick={() => void save()}>
                  {t('audit.retentionConfirmYes')}
                </button>
                <button type="button" className="button button--ghost" onClick={() => setConfirming(false)}>
                  {t('audit.retentionConfirmNo')}
                </button>
              </div>
            </div>
          ) : (
            <div>
              <button type="submit" className="button button--primary" disabled={saving}>
                {saving ? t('audit.retentionSaving') : t('audit.retentionSave')}
              </button>
            </div>
          )}
        </form>
      ) : null}
    </section>
  );
}
