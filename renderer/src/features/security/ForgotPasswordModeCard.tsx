// Renderer. "Mot de passe oublié" on the Sécurité page: which paths the login screen offers (automatic, email,
// approval, both) and how long an approval request lives. Its own settings key and channels (approval domain).
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalSettingsView } from '../../../../shared/contract';
import {
  APPROVAL_SETTING_BOUNDS,
  FORGOT_PASSWORD_MODES,
  forgotPasswordPaths,
  type ForgotPasswordMode,
} from '../../../../shared/approval/approval-settings';
import { call } from '../../api/client';
import { TextField } from '../../components/TextField';
import type { StatusMessage } from './status';

export function ForgotPasswordModeCard({ onStatus }: { onStatus: (status: StatusMessage) => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [view, setView] = useState<ApprovalSettingsView | null>(null);
  const [mode, setMode] = useState<ForgotPasswordMode>('auto');
  const [days, setDays] = useState('');
  const [daysError, setDaysError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const show = (next: ApprovalSettingsView) => {
    setView(next);
    setMode(next.mode);
    setDays(String(next.requestLifetimeDays));
  };

  useEffect(() => {
    void call('approval:getSettings').then((result) => {
      if (result.ok) show(result.data);
    });
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (submitting) return;
    const requestLifetimeDays = days.trim() === '' ? Number.NaN : Number(days);
    const { min, max } = APPROVAL_SETTING_BOUNDS.requestLifetimeDays;
    if (!Number.isInteger(requestLifetimeDays) || requestLifetimeDays < min || requestLifetimeDays > max) {
      setDaysError(t('validation.outOfRange'));
      return;
    }
    setDaysError(null);
    setSubmitting(true);
    const result = await call('approval:updateSettings', { mode, requestLifetimeDays });
    setSubmitting(false);
    if (!result.ok) {
      onStatus({ tone: 'error', text: t(`errors.${result.error.code}`) });
      return;
    }
    show(result.data);
    onStatus({ tone: 'success', text: t('approvalMode.saved') });
  };

  if (!view) return null;
  // What the login screen would offer with the choice on screen (saved or not), given email's state now.
  const paths = forgotPasswordPaths(mode, view.emailConfigured);
  const offered = [paths.email ? t('approvalMode.paths.email') : null, paths.approval ? t('approvalMode.paths.approval') : null]
    .filter(Boolean)
    .join(t('approvalMode.paths.separator'));

  return (
    <section className="card card--wide" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('approvalMode.title')}</h2>
      <p className="field__hint">
        {t('approvalMode.help')} {t(view.emailConfigured ? 'approvalMode.emailConfigured' : 'approvalMode.emailNotConfigured')}
      </p>
      <form onSubmit={submit} noValidate className="form">
        <fieldset className="fieldset">
          <legend>{t('approvalMode.modeLegend')}</legend>
          <div className="radio-list">
            {FORGOT_PASSWORD_MODES.map((value) => (
              <label key={value} className="radio-option">
                <input type="radio" name="forgot-mode" value={value} checked={mode === value} onChange={() => setMode(value)} />
                <span>
                  <span className="radio-option__label">{t(`approvalMode.modes.${value}`)}</span>
                  <span className="radio-option__hint">{t(`approvalMode.hints.${value}`)}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        <p aria-live="polite">{t('approvalMode.offered', { paths: offered })}</p>
        <TextField
          label={t('approvalMode.lifetime')}
          hint={t('approvalMode.bounds', APPROVAL_SETTING_BOUNDS.requestLifetimeDays)}
          name="requestLifetimeDays"
          inputMode="numeric"
          value={days}
          onChange={(event) => setDays(event.target.value)}
          error={daysError ?? undefined}
        />
        <div>
          <button type="submit" className="button button--primary" disabled={submitting}>
            {submitting ? t('approvalMode.saving') : t('approvalMode.save')}
          </button>
        </div>
      </form>
    </section>
  );
}
