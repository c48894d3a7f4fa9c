// Renderer. How many automatic backups to keep (1 to 365). Saving applies it at once and says what was deleted.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { toFieldIssues } from '../../../../shared/accounts/account-fields';
import { BACKUP_RETENTION_BOUNDS, backupSettingsSchema, type BackupSettings } from '../../../../shared/backups/contract';
import { call } from '../../api/client';
import { toFieldErrors } from '../../components/form-errors';
import { TextField } from '../../components/TextField';
import type { StatusMessage } from './status';

export function RetentionCard(props: { settings: BackupSettings; onStatus: (status: StatusMessage) => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(String(props.settings.keepAutomatic));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const local = backupSettingsSchema.safeParse({ keepAutomatic: value.trim() === '' ? Number.NaN : Number(value) });
    if (!local.success) {
      setError(toFieldErrors(toFieldIssues(local.error)).keepAutomatic ?? 'validation.invalid');
      return;
    }
    setSaving(true);
    const result = await call('backups:updateSettings', local.data);
    setSaving(false);
    if (!result.ok) {
      setError(toFieldErrors(result.error.fields).keepAutomatic ?? null);
      props.onStatus({ tone: 'error', text: t(`errors.${result.error.code}`) });
      return;
    }
    setError(null);
    setValue(String(result.data.settings.keepAutomatic));
    const pruned = result.data.pruned;
    props.onStatus({ tone: 'success', text: pruned > 0 ? t('backups.retentionPruned', { count: pruned }) : t('backups.retentionSaved') });
    props.onSaved();
  };

  return (
    <section className="card card--wide" aria-labelledby="retention-title">
      <h2 id="retention-title">{t('backups.retentionTitle')}</h2>
      <form onSubmit={submit} noValidate className="form form--inline">
        <TextField
          label={t('backups.keepAutomatic')}
          hint={t('backups.keepAutomaticHint', BACKUP_RETENTION_BOUNDS)}
          name="keepAutomatic"
          inputMode="numeric"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          error={error ? t(error as 'validation.invalid') : undefined}
        />
        <div>
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? t('backups.saving') : t('backups.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
