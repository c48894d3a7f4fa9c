// Renderer. The choices of "Mot de passe oublié", according to the mode main answers: the emailed code (when
// email works and the mode allows it), the administrator's approval, and the ways to finish either.
import { useTranslation } from 'react-i18next';
import type { ForgotPasswordOptions } from '../../../../../shared/contract';
import { Alert } from '../../../components/Alert';
import { showForgotView, type ForgotView } from './forgot-store';

interface ForgotPath {
  view: ForgotView;
  label: 'request' | 'complete' | 'status' | 'recovery' | 'emailRequest' | 'emailReset';
  available: (options: ForgotPasswordOptions) => boolean;
  primary?: boolean;
}

const PATHS: readonly ForgotPath[] = [
  { view: 'emailRequest', label: 'emailRequest', available: (o) => o.emailOption, primary: true },
  { view: 'emailReset', label: 'emailReset', available: (o) => o.emailOption },
  { view: 'request', label: 'request', available: (o) => o.approvalOption, primary: true },
  // Finishing and following a request stay open whatever the mode: a request made earlier must still be usable.
  { view: 'complete', label: 'complete', available: () => true },
  { view: 'status', label: 'status', available: () => true },
  { view: 'recovery', label: 'recovery', available: () => true },
];

export function ForgotMenu({ options }: { options: ForgotPasswordOptions }) {
  const { t } = useTranslation();
  return (
    <>
      {!options.emailConfigured ? (
        <Alert tone="info">{t(options.approvalOption ? 'approvalForgot.emailUnavailable' : 'approvalForgot.emailUnavailableNoApproval')}</Alert>
      ) : (
        <p className="lead">{t('approvalForgot.intro')}</p>
      )}
      <ul className="choice-list" aria-label={t('approvalForgot.optionsLabel')}>
        {PATHS.filter((path) => path.available(options)).map((path) => (
          <li key={path.view}>
            <button
              type="button"
              className={`choice${path.primary ? ' choice--primary' : ''}`}
              aria-describedby={`forgot-hint-${path.view}`}
              onClick={() => showForgotView(path.view)}
            >
              <span className="choice__label">{t(`approvalForgot.options.${path.label}`)}</span>
              <span className="choice__hint" id={`forgot-hint-${path.view}`}>
                {t(`approvalForgot.options.${path.label}Hint`)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      <p className="field__hint">{t('approvalForgot.askAdminDirectly')}</p>
    </>
  );
}
